from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.evaluations import EvaluationKind
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0011_pulse')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Evaluation',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='RELATIONSHIP: relationship\nPROGRAMME: programme', enum_type=EvaluationKind, max_length=16)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('relationship_id', fields.IntField(null=True)),
                ('author_id', fields.IntField(null=True)),
                ('rating', fields.IntField()),
                ('answers', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('comment', fields.TextField(default='', unique=False)),
                ('given_on', fields.DateField()),
            ],
            options={'table': 'evaluations', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EvaluationReceipt',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='RELATIONSHIP: relationship\nPROGRAMME: programme', enum_type=EvaluationKind, max_length=16)),
                ('programme_id', fields.IntField()),
                ('relationship_id', fields.IntField(null=True)),
                ('user_id', fields.IntField()),
            ],
            options={'table': 'evaluation_receipts', 'app': 'rajut', 'unique_together': (('kind', 'programme_id', 'relationship_id', 'user_id'),), 'pk_attr': 'id', 'table_description': 'That someone has answered (to allow one answer each), never what they answered.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Programme',
            name='anonymous_evaluations',
            field=fields.BooleanField(default=True),
        ),
    ]
