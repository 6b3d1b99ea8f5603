from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.imports import ImportStatus
from models.invitations import InvitationKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0021_recognition')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ImportBatch',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='import_batches', on_delete=OnDelete.CASCADE)),
                ('created_by', fields.ForeignKeyField('rajut.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('filename', fields.CharField(default='', max_length=200)),
                ('digest', fields.CharField(max_length=64)),
                ('content', fields.TextField(default='', unique=False)),
                ('delimiter', fields.CharField(max_length=1)),
                ('columns', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('row_count', fields.IntField()),
                ('mapping', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('default_role', fields.CharField(null=True, max_length=8)),
                ('status', fields.CharEnumField(default=ImportStatus.STAGED, description='STAGED: staged\nCOMMITTED: committed', enum_type=ImportStatus, max_length=16)),
                ('result', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('committed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'import_batches', 'app': 'rajut', 'pk_attr': 'id', 'table_description': 'One uploaded file. Its text is kept only until it is committed (it holds personal'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Invitation',
            name='kind',
            field=fields.CharEnumField(description='ORGANISATION_ROLE: organisation_role\nPROGRAMME_STAFF: programme_staff\nPROGRAMME_PARTICIPANT: programme_participant', enum_type=InvitationKind, max_length=24),
        ),
        ops.AddField(
            model_name='Invitation',
            name='details',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
