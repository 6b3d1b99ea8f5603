from tortoise import migrations
from tortoise.migrations import operations as ops
from models.goals import GoalStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0004_sessions')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Goal',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='goals', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=200)),
                ('specific_outcome', fields.TextField(default='', unique=False)),
                ('measurable_target', fields.TextField(default='', unique=False)),
                ('due_on', fields.DateField(null=True)),
                ('status', fields.CharEnumField(default=GoalStatus.OPEN, description='OPEN: open\nREACHED: reached\nDROPPED: dropped', enum_type=GoalStatus, max_length=16)),
                ('evidence', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('reached_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'goals', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Journal',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='journals', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('rajut.User', source_field='author_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('week_of', fields.DateField()),
                ('reflection', fields.TextField(default='', unique=False)),
                ('learned', fields.TextField(default='', unique=False)),
                ('next_step', fields.TextField(default='', unique=False)),
                ('shared', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'journals', 'app': 'rajut', 'unique_together': (('relationship', 'author', 'week_of'),), 'pk_attr': 'id', 'table_description': "One person's weekly reflection in a relationship, private or shared with the mentor."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Milestone',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('goal', fields.ForeignKeyField('rajut.Goal', source_field='goal_id', db_constraint=True, to_field='id', related_name='milestones', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=200)),
                ('due_on', fields.DateField(null=True)),
                ('reached_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'milestones', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SessionFeedback',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('session', fields.ForeignKeyField('rajut.Session', source_field='session_id', db_constraint=True, to_field='id', related_name='feedback', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('rajut.User', source_field='author_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('rating', fields.IntField()),
                ('comment', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'session_feedback', 'app': 'rajut', 'unique_together': (('session', 'author'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
