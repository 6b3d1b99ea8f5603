from tortoise import migrations
from tortoise.migrations import operations as ops
from models.invitations import InvitationKind, InvitationStatus
from models.notifications import NotificationKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0015_member_removed')]

    initial = False

    operations = [
        ops.CreateModel(
            name='EmailVerification',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name='email_verifications', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('password_hash', fields.CharField(null=True, max_length=255)),
                ('display_name', fields.CharField(null=True, max_length=120)),
                ('locale', fields.CharField(null=True, max_length=8)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'email_verifications', 'app': 'rajut', 'pk_attr': 'id', 'table_description': "A link mailed to an account's address: following it proves the address is theirs."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Invitation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='ORGANISATION_ROLE: organisation_role\nPROGRAMME_STAFF: programme_staff', enum_type=InvitationKind, max_length=24)),
                ('email', fields.CharField(db_index=True, max_length=254)),
                ('organisation', fields.ForeignKeyField('rajut.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='invitations', on_delete=OnDelete.CASCADE)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', null=True, db_constraint=True, to_field='id', related_name='invitations', on_delete=OnDelete.CASCADE)),
                ('role', fields.CharField(max_length=16)),
                ('invited_by', fields.ForeignKeyField('rajut.User', source_field='invited_by_id', null=True, db_constraint=True, to_field='id', related_name='invitations_sent', on_delete=OnDelete.SET_NULL)),
                ('status', fields.CharEnumField(default=InvitationStatus.PENDING, description='PENDING: pending\nACCEPTED: accepted\nDECLINED: declined\nREVOKED: revoked\nEXPIRED: expired', enum_type=InvitationStatus, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'invitations', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='SESSION_REMINDER: session_reminder\nINACTIVITY_NUDGE: inactivity_nudge\nPULSE_CHECK_IN: pulse_check_in\nINVITATION: invitation', enum_type=NotificationKind, max_length=24),
        ),
        ops.AddField(
            model_name='User',
            name='email_verified_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        # accounts made before verification existed keep taking part (grandfathered)
        ops.RunSQL(
            "UPDATE users SET email_verified_at = created_at WHERE email_verified_at IS NULL",
            reverse_sql="SELECT 1",
        ),
    ]
