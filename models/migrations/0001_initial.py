from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.accounts import TokenKind
from models.organisations import OrgRole
from models.profiles import CommunicationStyle, MarkKind
from models.programmes import MatchingMode, MentorStatus, ModeratorMode, Participation, ProgrammeStatus, StaffRole
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Organisation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=120)),
                ('slug', fields.CharField(unique=True, max_length=60)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'organisations', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FocusArea',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='focus_areas', on_delete=OnDelete.CASCADE)),
                ('slug', fields.CharField(max_length=60)),
                ('name_en', fields.CharField(max_length=120)),
                ('name_id', fields.CharField(max_length=120)),
            ],
            options={'table': 'focus_areas', 'app': 'rajut', 'unique_together': (('organisation', 'slug'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OutboxEmail',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('to_address', fields.CharField(max_length=254)),
                ('subject', fields.CharField(max_length=200)),
                ('body', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('attempts', fields.IntField(default=0)),
            ],
            options={'table': 'outbox_emails', 'app': 'rajut', 'pk_attr': 'id', 'table_description': 'Mail waits here until a sender loop delivers it, so a request never blocks on SMTP.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Programme',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='programmes', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=120)),
                ('slug', fields.CharField(max_length=60)),
                ('description', fields.TextField(default='', unique=False)),
                ('focus_areas', fields.ManyToManyField('rajut.FocusArea', unique=True, db_constraint=True, through='programme_focus_areas', forward_key='focusarea_id', backward_key='programmes_id', related_name='programmes', on_delete=OnDelete.CASCADE)),
                ('mentoring_models', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('registration_opens_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('registration_closes_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('max_group_size', fields.IntField(default=5)),
                ('matching_mode', fields.CharEnumField(default=MatchingMode.BOTH, description='COORDINATOR: coordinator\nSELF_SELECT: self_select\nBOTH: both', enum_type=MatchingMode, max_length=16)),
                ('participation', fields.CharEnumField(default=Participation.VOLUNTARY, description='VOLUNTARY: voluntary\nMANDATORY: mandatory', enum_type=Participation, max_length=16)),
                ('moderator_mode', fields.CharEnumField(default=ModeratorMode.APPOINTED, description='APPOINTED: appointed\nELECTED: elected\nNONE: none', enum_type=ModeratorMode, max_length=16)),
                ('status', fields.CharEnumField(default=ProgrammeStatus.DRAFT, description='DRAFT: draft\nREGISTRATION_OPEN: registration_open\nRUNNING: running\nCLOSED: closed', enum_type=ProgrammeStatus, max_length=24)),
                ('open_request_limit', fields.IntField(default=5)),
                ('request_expiry_days', fields.IntField(default=14)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'programmes', 'app': 'rajut', 'unique_together': (('organisation', 'slug'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('email', fields.CharField(unique=True, max_length=254)),
                ('password_hash', fields.CharField(max_length=255)),
                ('display_name', fields.CharField(max_length=120)),
                ('locale', fields.CharField(default='id', max_length=8)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'users', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AccessToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='SESSION: session\nAPI: api', enum_type=TokenKind, max_length=16)),
                ('name', fields.CharField(default='', max_length=100)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('scopes', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'access_tokens', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DirectoryMark',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='directory_marks', on_delete=OnDelete.CASCADE)),
                ('mentor', fields.ForeignKeyField('rajut.User', source_field='mentor_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='FAVOURITE: favourite\nHIDDEN: hidden', enum_type=MarkKind, max_length=16)),
            ],
            options={'table': 'directory_marks', 'app': 'rajut', 'unique_together': (('user', 'mentor'),), 'pk_attr': 'id', 'table_description': "A member's private favourite or hidden mark on a mentor in the directory."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Enrolment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='enrolments', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='enrolments', on_delete=OnDelete.CASCADE)),
                ('as_mentor', fields.BooleanField(default=False)),
                ('as_mentee', fields.BooleanField(default=False)),
                ('motivation', fields.TextField(default='', unique=False)),
                ('mentor_status', fields.CharEnumField(default=MentorStatus.NOT_APPLIED, description='NOT_APPLIED: not_applied\nPENDING: pending\nAPPROVED: approved\nREJECTED: rejected', enum_type=MentorStatus, max_length=16)),
                ('screening_reason', fields.TextField(default='', unique=False)),
                ('screened_by', fields.ForeignKeyField('rajut.User', source_field='screened_by_id', null=True, db_constraint=True, to_field='id', on_delete=OnDelete.SET_NULL)),
                ('screened_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'enrolments', 'app': 'rajut', 'unique_together': (('programme', 'user'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Expertise',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='expertise', on_delete=OnDelete.CASCADE)),
                ('focus_area', fields.ForeignKeyField('rajut.FocusArea', source_field='focus_area_id', null=True, db_constraint=True, to_field='id', on_delete=OnDelete.SET_NULL)),
                ('skill', fields.CharField(max_length=80)),
                ('level', fields.IntField()),
            ],
            options={'table': 'expertise', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LearningNeed',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='learning_needs', on_delete=OnDelete.CASCADE)),
                ('focus_area', fields.ForeignKeyField('rajut.FocusArea', source_field='focus_area_id', null=True, db_constraint=True, to_field='id', on_delete=OnDelete.SET_NULL)),
                ('skill', fields.CharField(max_length=80)),
                ('current_level', fields.IntField(default=1)),
                ('target_level', fields.IntField()),
                ('priority', fields.IntField(default=2)),
            ],
            options={'table': 'learning_needs', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrgMembership',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='memberships', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='org_memberships', on_delete=OnDelete.CASCADE)),
                ('role', fields.CharEnumField(default=OrgRole.MEMBER, description='MEMBER: member\nADMIN: admin', enum_type=OrgRole, max_length=16)),
            ],
            options={'table': 'org_memberships', 'app': 'rajut', 'unique_together': (('organisation', 'user'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PasswordReset',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='password_resets', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'password_resets', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Profile',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.OneToOneField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='profile', on_delete=OnDelete.CASCADE)),
                ('bio', fields.TextField(default='', unique=False)),
                ('languages', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('timezone', fields.CharField(default='Asia/Jakarta', max_length=64)),
                ('availability', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('goals', fields.TextField(default='', unique=False)),
                ('communication_style', fields.CharEnumField(default=CommunicationStyle.STRUCTURED, description='DIRECT: direct\nREFLECTIVE: reflective\nSTRUCTURED: structured\nCASUAL: casual', enum_type=CommunicationStyle, max_length=16)),
                ('questionnaire', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('capacity', fields.IntField(default=1)),
                ('open_for_requests', fields.BooleanField(default=True)),
                ('birth_year', fields.IntField(null=True)),
                ('listed_in_directory', fields.BooleanField(default=True)),
                ('contact_email', fields.CharField(default='', max_length=254)),
                ('contact_phone', fields.CharField(default='', max_length=32)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'profiles', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProgrammeStaff',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='staff', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='staff_roles', on_delete=OnDelete.CASCADE)),
                ('role', fields.CharEnumField(description='COORDINATOR: coordinator\nMENTOR_COACH: mentor_coach', enum_type=StaffRole, max_length=16)),
            ],
            options={'table': 'programme_staff', 'app': 'rajut', 'unique_together': (('programme', 'user', 'role'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
