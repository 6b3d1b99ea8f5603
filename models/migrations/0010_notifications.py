from tortoise import migrations
from tortoise.migrations import operations as ops
from models.notifications import NotificationKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0009_inactivity')]

    initial = False

    operations = [
        ops.CreateModel(
            name='FollowUp',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=120)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'follow_ups', 'app': 'rajut', 'pk_attr': 'id', 'table_description': 'That one reminder or nudge was sent: its unique key stops a second sender.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Notification',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='SESSION_REMINDER: session_reminder\nINACTIVITY_NUDGE: inactivity_nudge\nPULSE_CHECK_IN: pulse_check_in', enum_type=NotificationKind, max_length=24)),
                ('title', fields.CharField(max_length=200)),
                ('body', fields.TextField(default='', unique=False)),
                ('relationship_id', fields.IntField(null=True)),
                ('session_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('read_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notifications', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
