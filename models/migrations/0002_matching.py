from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.matches import MatchMode, RunKind, RunStatus
from models.programmes import MentoringModel
from models.relationships import Origin, RelationshipStatus
from models.requests import RequestStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='MatchRun',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='match_runs', on_delete=OnDelete.CASCADE)),
                ('created_by', fields.ForeignKeyField('rajut.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('kind', fields.CharEnumField(default=RunKind.COHORT, description='COHORT: cohort\nPEERS: peers\nCIRCLES: circles', enum_type=RunKind, max_length=16)),
                ('mode', fields.CharEnumField(description='OPTIMAL: optimal\nSTABLE: stable\nFAIR: fair', enum_type=MatchMode, max_length=16)),
                ('status', fields.CharEnumField(default=RunStatus.PROPOSED, description='PROPOSED: proposed\nAPPROVED: approved\nDISCARDED: discarded', enum_type=RunStatus, max_length=16)),
                ('edits', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('assignments', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('groups', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('unmatched', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('metrics', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'match_runs', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MatchAudit',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('run', fields.ForeignKeyField('rajut.MatchRun', source_field='run_id', db_constraint=True, to_field='id', related_name='audit', on_delete=OnDelete.CASCADE)),
                ('actor', fields.ForeignKeyField('rajut.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('action', fields.CharField(max_length=16)),
                ('detail', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('metrics_before', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('metrics_after', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'match_audit', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PairExclusion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='exclusions', on_delete=OnDelete.CASCADE)),
                ('mentor', fields.ForeignKeyField('rajut.User', source_field='mentor_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('mentee', fields.ForeignKeyField('rajut.User', source_field='mentee_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('created_by', fields.ForeignKeyField('rajut.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'pair_exclusions', 'app': 'rajut', 'unique_together': (('programme', 'mentor', 'mentee'),), 'pk_attr': 'id', 'table_description': 'A pair that must never be matched: set by a coordinator or by either person.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Relationship',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='relationships', on_delete=OnDelete.CASCADE)),
                ('mentoring_model', fields.CharEnumField(description='ONE_TO_ONE: one_to_one\nGROUP: group\nPEER: peer\nREVERSE: reverse\nFLASH: flash\nPROJECT_BASED: project_based\nDISTANCE: distance\nCOMMUNITY_OF_PRACTICE: community_of_practice\nCIRCLE: circle\nSITUATIONAL: situational', enum_type=MentoringModel, max_length=32)),
                ('mentor', fields.ForeignKeyField('rajut.User', source_field='mentor_id', null=True, db_constraint=True, to_field='id', related_name='mentoring', on_delete=OnDelete.SET_NULL)),
                ('status', fields.CharEnumField(description='PROPOSED: proposed\nACTIVE: active\nPAUSED: paused\nCOMPLETED: completed\nCANCELLED: cancelled', enum_type=RelationshipStatus, max_length=16)),
                ('origin', fields.CharEnumField(description='REQUEST: request\nMATCHING: matching', enum_type=Origin, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'relationships', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MentorRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='requests', on_delete=OnDelete.CASCADE)),
                ('mentee', fields.ForeignKeyField('rajut.User', source_field='mentee_id', db_constraint=True, to_field='id', related_name='sent_requests', on_delete=OnDelete.CASCADE)),
                ('mentor', fields.ForeignKeyField('rajut.User', source_field='mentor_id', db_constraint=True, to_field='id', related_name='received_requests', on_delete=OnDelete.CASCADE)),
                ('message', fields.TextField(default='', unique=False)),
                ('status', fields.CharEnumField(default=RequestStatus.PENDING, description='PENDING: pending\nACCEPTED: accepted\nDECLINED: declined\nWITHDRAWN: withdrawn\nEXPIRED: expired', enum_type=RequestStatus, max_length=16)),
                ('decline_reason', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'mentor_requests', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RelationshipMember',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='memberships', on_delete=OnDelete.CASCADE)),
                ('joined_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'relationship_members', 'app': 'rajut', 'unique_together': (('relationship', 'user'),), 'pk_attr': 'id', 'table_description': 'A mentee (or a peer) in a relationship. A group has several.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Profile',
            name='attributes',
            field=fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Programme',
            name='attribute_rules',
            field=fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Programme',
            name='forbid_repeat_pairs',
            field=fields.BooleanField(default=False),
        ),
        ops.AddField(
            model_name='Programme',
            name='matching_weights',
            field=fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
