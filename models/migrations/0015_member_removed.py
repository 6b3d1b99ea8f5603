from tortoise import migrations
from tortoise.migrations import operations as ops
from models.progress import EventKind
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0014_rooms_conversations')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='ProgressEvent',
            name='kind',
            field=fields.CharEnumField(description='RELATIONSHIP_PROPOSED: relationship.proposed\nRELATIONSHIP_STARTED: relationship.started\nRELATIONSHIP_PAUSED: relationship.paused\nRELATIONSHIP_RESUMED: relationship.resumed\nRELATIONSHIP_COMPLETED: relationship.completed\nRELATIONSHIP_CANCELLED: relationship.cancelled\nMEMBER_REMOVED: relationship.member_removed\nGUIDELINES_ACKNOWLEDGED: guidelines.acknowledged\nSESSION_SCHEDULED: session.scheduled\nSESSION_RESCHEDULED: session.rescheduled\nSESSION_HELD: session.held\nSESSION_CANCELLED: session.cancelled\nGOAL_SET: goal.set\nGOAL_REACHED: goal.reached\nMILESTONE_REACHED: milestone.reached\nJOURNAL_SUBMITTED: journal.submitted\nFEEDBACK_GIVEN: feedback.given\nJOURNEY_STAGE_CHANGED: journey.stage_changed\nSKILL_ASSESSED: skill.assessed', enum_type=EventKind, max_length=40),
        ),
    ]
