from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0008_moderators')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Programme',
            name='close_after_days',
            field=fields.IntField(default=60),
        ),
        ops.AddField(
            model_name='Programme',
            name='inactivity_days',
            field=fields.IntField(default=21),
        ),
    ]
