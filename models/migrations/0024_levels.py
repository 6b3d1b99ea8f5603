from tortoise import migrations
from tortoise.migrations import operations as ops
from models.levels import CompletionStatus, HistoryKind, Level
from models.notifications import NotificationKind
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('rajut', '0023_expenses')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ExpertiseConfirmation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('focus_area', fields.ForeignKeyField('rajut.FocusArea', source_field='focus_area_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('level', fields.IntField()),
                ('confirmed_by', fields.ForeignKeyField('rajut.User', source_field='confirmed_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('confirmed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'expertise_confirmations', 'app': 'rajut', 'unique_together': (('user', 'focus_area'),), 'pk_attr': 'id', 'table_description': "A coordinator saw the member's expertise in a focus area at ``level``."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LevelRules',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.OneToOneField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='level_rules', on_delete=OnDelete.CASCADE)),
                ('group_mentor_relationships', fields.IntField(default=5)),
                ('group_mentor_days', fields.IntField(default=365)),
                ('coach_min_ratings', fields.IntField(default=20)),
                ('coach_mean_rating', fields.FloatField(default=4.5)),
                ('expertise_level', fields.IntField(default=4)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'level_rules', 'app': 'rajut', 'pk_attr': 'id', 'table_description': "An organisation's thresholds (without a row, the seed plan's defaults apply)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MentorStanding',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('level', fields.CharEnumField(null=True, description='MENTOR_CANDIDATE: mentor_candidate\nCOMMUNITY_MENTOR: community_mentor\nGROUP_MENTOR: group_mentor\nMENTOR_COACH: mentor_coach\nCOMMUNITY_LEADER: community_leader', enum_type=Level, max_length=24)),
                ('since', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('changes', fields.IntField(default=0)),
                ('nominated_by', fields.ForeignKeyField('rajut.User', source_field='nominated_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('nominated_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('nomination', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'mentor_standings', 'app': 'rajut', 'unique_together': (('organisation', 'user'),), 'pk_attr': 'id', 'table_description': "A member's level in one organisation. ``changes`` counts level changes: a change"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TrainingModule',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='training_modules', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=200)),
                ('content', fields.TextField(default='', unique=False)),
                ('link', fields.CharField(default='', max_length=500)),
                ('required_for', fields.CharEnumField(null=True, description='MENTOR_CANDIDATE: mentor_candidate\nCOMMUNITY_MENTOR: community_mentor\nGROUP_MENTOR: group_mentor\nMENTOR_COACH: mentor_coach\nCOMMUNITY_LEADER: community_leader', enum_type=Level, max_length=24)),
                ('created_by', fields.ForeignKeyField('rajut.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('archived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'training_modules', 'app': 'rajut', 'pk_attr': 'id', 'table_description': 'A piece of mentor training an organisation offers. ``required_for`` names the level'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LevelEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('actor', fields.ForeignKeyField('rajut.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('kind', fields.CharEnumField(description='TRAINING_DECLARED: training_declared\nTRAINING_WITHDRAWN: training_withdrawn\nTRAINING_DECLINED: training_declined\nTRAINING_CONFIRMED: training_confirmed\nEXPERTISE_CONFIRMED: expertise_confirmed\nNOMINATED: nominated\nNOMINATION_WITHDRAWN: nomination_withdrawn\nPROMOTED: promoted\nCORRECTED: corrected', enum_type=HistoryKind, max_length=24)),
                ('module', fields.ForeignKeyField('rajut.TrainingModule', source_field='module_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('focus_area', fields.ForeignKeyField('rajut.FocusArea', source_field='focus_area_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('from_level', fields.CharEnumField(null=True, description='MENTOR_CANDIDATE: mentor_candidate\nCOMMUNITY_MENTOR: community_mentor\nGROUP_MENTOR: group_mentor\nMENTOR_COACH: mentor_coach\nCOMMUNITY_LEADER: community_leader', enum_type=Level, max_length=24)),
                ('to_level', fields.CharEnumField(null=True, description='MENTOR_CANDIDATE: mentor_candidate\nCOMMUNITY_MENTOR: community_mentor\nGROUP_MENTOR: group_mentor\nMENTOR_COACH: mentor_coach\nCOMMUNITY_LEADER: community_leader', enum_type=Level, max_length=24)),
                ('note', fields.TextField(default='', unique=False)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'level_history', 'app': 'rajut', 'indexes': [Index(fields=['organisation_id', 'user_id'])], 'pk_attr': 'id', 'table_description': "One entry of a member's history: what happened, who did it, when. Never changed."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TrainingCompletion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('module', fields.ForeignKeyField('rajut.TrainingModule', source_field='module_id', db_constraint=True, to_field='id', related_name='completions', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('status', fields.CharEnumField(description='DECLARED: declared\nCONFIRMED: confirmed', enum_type=CompletionStatus, max_length=16)),
                ('declared_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('confirmed_by', fields.ForeignKeyField('rajut.User', source_field='confirmed_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'training_completions', 'app': 'rajut', 'unique_together': (('module', 'user'),), 'pk_attr': 'id', 'table_description': "A member's completion of one module as it stands now (its story is in LevelEvent)."},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='SESSION_REMINDER: session_reminder\nINACTIVITY_NUDGE: inactivity_nudge\nPULSE_CHECK_IN: pulse_check_in\nPROGRAMME_CLOSED: programme_closed\nINVITATION: invitation\nBADGE_AWARDED: badge_awarded\nCERTIFICATE_ISSUED: certificate_issued\nLEVEL_ELIGIBLE: level_eligible\nLEVEL_CHANGED: level_changed', enum_type=NotificationKind, max_length=24),
        ),
    ]
