from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0017_mentorship_rules')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Installation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('install_id', fields.CharField(max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'installation', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
