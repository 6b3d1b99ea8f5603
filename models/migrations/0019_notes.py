from tortoise import migrations
from tortoise.migrations import operations as ops
from models.notes import NoteKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('rajut', '0018_webhooks_newcomer')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Note',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=80)),
                ('kind', fields.CharEnumField(description='SESSION: session\nRELATIONSHIP: relationship\nPROGRAMME: programme', enum_type=NoteKind, max_length=16)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('session', fields.ForeignKeyField('rajut.Session', source_field='session_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(default='', max_length=200)),
                ('created_by', fields.ForeignKeyField('rajut.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('last_seq', fields.IntField(default=0)),
                ('snapshot', fields.BinaryField(null=True)),
                ('snapshot_seq', fields.IntField(default=0)),
                ('log_bytes', fields.BigIntField(default=0)),
                ('edited_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notes', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NoteContribution',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('note', fields.ForeignKeyField('rajut.Note', source_field='note_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('updates', fields.IntField(default=0)),
                ('first_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'note_contributions', 'app': 'rajut', 'unique_together': (('note', 'user', 'day'),), 'pk_attr': 'id', 'table_description': 'Who edited a note on which day: the history that outlives compacted log rows.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NoteUpdate',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('note', fields.ForeignKeyField('rajut.Note', source_field='note_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('seq', fields.IntField()),
                ('data', fields.BinaryField()),
                ('author', fields.ForeignKeyField('rajut.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'note_updates', 'app': 'rajut', 'unique_together': (('note', 'seq'),), 'pk_attr': 'id', 'table_description': 'One accepted update, kept until compaction folds it into the snapshot.'},
            bases=['Model'],
        ),
    ]
