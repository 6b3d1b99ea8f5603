from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0007_journeys_safeguarding')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ModeratorVote',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='moderator_votes', on_delete=OnDelete.CASCADE)),
                ('voter', fields.ForeignKeyField('rajut.User', source_field='voter_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('candidate', fields.ForeignKeyField('rajut.User', source_field='candidate_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'moderator_votes', 'app': 'rajut', 'unique_together': (('relationship', 'voter'),), 'pk_attr': 'id', 'table_description': "A member's vote for their group's moderator, where the programme elects them."},
            bases=['Model'],
        ),
    ]
