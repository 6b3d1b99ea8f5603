from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.notifications import NotificationKind
from models.progress import EventKind
from models.requests import RequestStatus
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0016_invitations_verification')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AccountDeletion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user_id', fields.IntField(db_index=True)),
                ('deleted_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('removed', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'account_deletions', 'app': 'rajut', 'pk_attr': 'id', 'table_description': 'That an account was deleted, when, and how much went: the audit of erasure.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Goal',
            name='drop_reason',
            field=fields.TextField(default='', unique=False),
        ),
        ops.AlterField(
            model_name='MentorRequest',
            name='status',
            field=fields.CharEnumField(default=RequestStatus.PENDING, description='PENDING: pending\nACCEPTED: accepted\nDECLINED: declined\nWITHDRAWN: withdrawn\nEXPIRED: expired\nSUPERSEDED: superseded', enum_type=RequestStatus, max_length=16),
        ),
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='SESSION_REMINDER: session_reminder\nINACTIVITY_NUDGE: inactivity_nudge\nPULSE_CHECK_IN: pulse_check_in\nPROGRAMME_CLOSED: programme_closed\nINVITATION: invitation', enum_type=NotificationKind, max_length=24),
        ),
        ops.AddField(
            model_name='Programme',
            name='mentors_per_mentee',
            field=fields.IntField(default=1),
        ),
        ops.AlterField(
            model_name='ProgressEvent',
            name='kind',
            field=fields.CharEnumField(description='RELATIONSHIP_PROPOSED: relationship.proposed\nRELATIONSHIP_STARTED: relationship.started\nRELATIONSHIP_PAUSED: relationship.paused\nRELATIONSHIP_RESUMED: relationship.resumed\nRELATIONSHIP_COMPLETED: relationship.completed\nRELATIONSHIP_CANCELLED: relationship.cancelled\nMEMBER_REMOVED: relationship.member_removed\nGUIDELINES_ACKNOWLEDGED: guidelines.acknowledged\nSESSION_SCHEDULED: session.scheduled\nSESSION_RESCHEDULED: session.rescheduled\nSESSION_HELD: session.held\nSESSION_CANCELLED: session.cancelled\nGOAL_SET: goal.set\nGOAL_REACHED: goal.reached\nMILESTONE_REACHED: milestone.reached\nGOAL_EDITED: goal.edited\nGOAL_DROPPED: goal.dropped\nGOAL_REOPENED: goal.reopened\nMILESTONE_ADDED: milestone.added\nMILESTONE_EDITED: milestone.edited\nMILESTONE_REMOVED: milestone.removed\nJOURNAL_SUBMITTED: journal.submitted\nFEEDBACK_GIVEN: feedback.given\nJOURNEY_STAGE_CHANGED: journey.stage_changed\nSKILL_ASSESSED: skill.assessed', enum_type=EventKind, max_length=40),
        ),
    ]
