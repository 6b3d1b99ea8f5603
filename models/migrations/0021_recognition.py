from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.certificates import CertificateKind
from models.notifications import NotificationKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0020_knowledge')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Badge',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('key', fields.CharField(null=True, max_length=40)),
                ('rule', fields.CharField(max_length=32)),
                ('threshold', fields.IntField()),
                ('icon', fields.CharField(default='', max_length=16)),
                ('name_id', fields.CharField(max_length=120)),
                ('name_en', fields.CharField(max_length=120)),
                ('description_id', fields.TextField(default='', unique=False)),
                ('description_en', fields.TextField(default='', unique=False)),
                ('archived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('backfilled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'badges', 'app': 'rajut', 'unique_together': (('organisation', 'key'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BadgeCursor',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.OneToOneField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('last_seq', fields.BigIntField(default=0)),
            ],
            options={'table': 'badge_cursors', 'app': 'rajut', 'pk_attr': 'id', 'table_description': 'The last progress event of one programme the recogniser has read.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='IssuerKey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key_id', fields.CharField(unique=True, max_length=32)),
                ('private_pem', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'issuer_keys', 'app': 'rajut', 'pk_attr': 'id', 'table_description': "The installation's signing key (PKCS#8 PEM): made once, read ever after."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StatusEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('list_number', fields.IntField()),
                ('position', fields.IntField()),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'credential_status', 'app': 'rajut', 'unique_together': (('organisation', 'list_number', 'position'),), 'pk_attr': 'id', 'table_description': "One credential's position in its organisation's revocation list."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BadgeAward',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('badge', fields.ForeignKeyField('rajut.Badge', source_field='badge_id', db_constraint=True, to_field='id', related_name='awards', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('programme_id', fields.IntField(null=True)),
                ('uuid', fields.CharField(unique=True, max_length=36)),
                ('salt', fields.CharField(max_length=32)),
                ('status', fields.OneToOneField('rajut.StatusEntry', source_field='status_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('awarded_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_reason', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'badge_awards', 'app': 'rajut', 'unique_together': (('badge', 'user'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Certificate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('organisation_id', fields.IntField(db_index=True)),
                ('recipient', fields.ForeignKeyField('rajut.User', source_field='recipient_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('kind', fields.CharEnumField(description='COMPLETION: completion\nSERVICE: service', enum_type=CertificateKind, max_length=16)),
                ('code', fields.CharField(unique=True, max_length=16)),
                ('recipient_name', fields.CharField(max_length=120)),
                ('programme_name', fields.CharField(max_length=120)),
                ('organisation_name', fields.CharField(max_length=120)),
                ('period_start', fields.DateField()),
                ('period_end', fields.DateField()),
                ('skills', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('sessions_held', fields.IntField(default=0)),
                ('mentees', fields.IntField(default=0)),
                ('salt', fields.CharField(max_length=32)),
                ('status', fields.OneToOneField('rajut.StatusEntry', source_field='status_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('issued_by', fields.ForeignKeyField('rajut.User', source_field='issued_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('issued_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_reason', fields.TextField(default='', unique=False)),
                ('in_force', fields.CharField(null=True, unique=True, max_length=40)),
            ],
            options={'table': 'certificates', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='SESSION_REMINDER: session_reminder\nINACTIVITY_NUDGE: inactivity_nudge\nPULSE_CHECK_IN: pulse_check_in\nPROGRAMME_CLOSED: programme_closed\nINVITATION: invitation\nBADGE_AWARDED: badge_awarded\nCERTIFICATE_ISSUED: certificate_issued', enum_type=NotificationKind, max_length=24),
        ),
        ops.AddField(
            model_name='Profile',
            name='show_badges',
            field=fields.BooleanField(default=False),
        ),
    ]
