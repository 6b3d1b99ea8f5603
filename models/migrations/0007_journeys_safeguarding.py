from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.journeys import AssessmentPhase, JourneyStage
from models.safeguarding import ConcernStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0006_webhooks')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ConcernReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='concerns', on_delete=OnDelete.CASCADE)),
                ('reporter', fields.ForeignKeyField('rajut.User', source_field='reporter_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('text', fields.TextField(unique=False)),
                ('attachments', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('status', fields.CharEnumField(default=ConcernStatus.OPEN, description='OPEN: open\nRESOLVED: resolved', enum_type=ConcernStatus, max_length=16)),
                ('resolution', fields.TextField(default='', unique=False)),
                ('handled_by', fields.ForeignKeyField('rajut.User', source_field='handled_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('resolved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'concern_reports', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='JourneyPosition',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('enrolment', fields.OneToOneField('rajut.Enrolment', source_field='enrolment_id', db_constraint=True, to_field='id', related_name='journey', on_delete=OnDelete.CASCADE)),
                ('stage', fields.CharEnumField(default=JourneyStage.APPLICATION, description='AWARENESS: awareness\nAPPLICATION: application\nMATCHING: matching\nORIENTATION: orientation\nACTIVE_MENTORSHIP: active_mentorship\nSKILL_APPLICATION: skill_application\nEVALUATION: evaluation\nTRANSITION: transition', enum_type=JourneyStage, max_length=24)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'journey_positions', 'app': 'rajut', 'pk_attr': 'id', 'table_description': "Where one mentee is in one programme's journey."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SkillAssessment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('skill', fields.CharField(max_length=80)),
                ('phase', fields.CharEnumField(description='START: start\nMIDPOINT: midpoint\nEND: end', enum_type=AssessmentPhase, max_length=16)),
                ('level', fields.IntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'skill_assessments', 'app': 'rajut', 'unique_together': (('programme', 'user', 'skill', 'phase'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
