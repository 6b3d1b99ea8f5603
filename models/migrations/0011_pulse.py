from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.pulse import RematchStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0010_notifications')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Pulse',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='pulses', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('round', fields.IntField()),
                ('answers', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('comment', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'pulses', 'app': 'rajut', 'unique_together': (('relationship', 'user', 'round'),), 'pk_attr': 'id', 'table_description': "One person's answers to one check-in round of a relationship."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RematchRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='rematch_requests', on_delete=OnDelete.CASCADE)),
                ('requester', fields.ForeignKeyField('rajut.User', source_field='requester_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('reason', fields.TextField(default='', unique=False)),
                ('status', fields.CharEnumField(default=RematchStatus.OPEN, description='OPEN: open\nHANDLED: handled', enum_type=RematchStatus, max_length=16)),
                ('note', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'rematch_requests', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Programme',
            name='pulse_every_days',
            field=fields.IntField(default=60),
        ),
        ops.AddField(
            model_name='Programme',
            name='pulse_first_days',
            field=fields.IntField(default=30),
        ),
        ops.AddField(
            model_name='Programme',
            name='pulse_questions',
            field=fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
