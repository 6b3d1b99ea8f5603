from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.progress import EventKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0002_matching')]

    initial = False

    operations = [
        ops.CreateModel(
            name='GuidelineAcknowledgement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='acknowledgements', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('acknowledged_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'guideline_acknowledgements', 'app': 'rajut', 'unique_together': (('relationship', 'user'),), 'pk_attr': 'id', 'table_description': "A participant accepted the programme's relationship guidelines (before any session)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProgressCounter',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.OneToOneField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='progress_counter', on_delete=OnDelete.CASCADE)),
                ('last_seq', fields.BigIntField(default=0)),
            ],
            options={'table': 'progress_counters', 'app': 'rajut', 'pk_attr': 'id', 'table_description': 'The last event number of one programme, locked while an event is numbered.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProgressEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='progress_events', on_delete=OnDelete.CASCADE)),
                ('seq', fields.BigIntField()),
                ('kind', fields.CharEnumField(description='RELATIONSHIP_PROPOSED: relationship.proposed\nRELATIONSHIP_STARTED: relationship.started\nRELATIONSHIP_PAUSED: relationship.paused\nRELATIONSHIP_RESUMED: relationship.resumed\nRELATIONSHIP_COMPLETED: relationship.completed\nRELATIONSHIP_CANCELLED: relationship.cancelled\nGUIDELINES_ACKNOWLEDGED: guidelines.acknowledged\nSESSION_SCHEDULED: session.scheduled\nSESSION_RESCHEDULED: session.rescheduled\nSESSION_HELD: session.held\nSESSION_CANCELLED: session.cancelled\nGOAL_SET: goal.set\nGOAL_REACHED: goal.reached\nMILESTONE_REACHED: milestone.reached\nJOURNAL_SUBMITTED: journal.submitted\nFEEDBACK_GIVEN: feedback.given\nJOURNEY_STAGE_CHANGED: journey.stage_changed\nSKILL_ASSESSED: skill.assessed', enum_type=EventKind, max_length=40)),
                ('relationship_id', fields.IntField(null=True, db_index=True)),
                ('actor_id', fields.IntField(null=True)),
                ('payload', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'progress_events', 'app': 'rajut', 'unique_together': (('programme', 'seq'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Programme',
            name='guidelines_en',
            field=fields.TextField(default='', unique=False),
        ),
        ops.AddField(
            model_name='Programme',
            name='guidelines_id',
            field=fields.TextField(default='', unique=False),
        ),
        ops.AddField(
            model_name='Relationship',
            name='end_reason',
            field=fields.TextField(default='', unique=False),
        ),
        ops.AddField(
            model_name='Relationship',
            name='ended_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Relationship',
            name='last_activity_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Relationship',
            name='moderator',
            field=fields.ForeignKeyField('rajut.User', source_field='moderator_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='Relationship',
            name='started_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
