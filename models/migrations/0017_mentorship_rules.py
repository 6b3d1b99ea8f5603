from tortoise import migrations
from tortoise.migrations import operations as ops
from models.requests import RequestStatus
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0015_member_removed')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='MentorRequest',
            name='status',
            field=fields.CharEnumField(default=RequestStatus.PENDING, description='PENDING: pending\nACCEPTED: accepted\nDECLINED: declined\nWITHDRAWN: withdrawn\nEXPIRED: expired\nSUPERSEDED: superseded', enum_type=RequestStatus, max_length=16),
        ),
        ops.AddField(
            model_name='Programme',
            name='mentors_per_mentee',
            field=fields.IntField(default=1),
        ),
    ]
