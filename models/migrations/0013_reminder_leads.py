from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0012_evaluations')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Programme',
            name='reminder_lead_minutes',
            field=fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
