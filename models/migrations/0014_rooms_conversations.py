from tortoise import migrations
from tortoise.migrations import operations as ops
from models.rooms import RoomMode
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('rajut', '0013_reminder_leads')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ConversationMessage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='messages', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('rajut.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('body', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('edited_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('deleted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'conversation_messages', 'app': 'rajut', 'indexes': [Index(fields=['relationship_id', 'id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ConversationRead',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('last_read_id', fields.IntField(default=0)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'conversation_reads', 'app': 'rajut', 'unique_together': (('relationship', 'user'),), 'pk_attr': 'id', 'table_description': 'How far one participant has read one conversation (the highest message id seen).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Room',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=40)),
                ('relationship', fields.ForeignKeyField('rajut.Relationship', source_field='relationship_id', db_constraint=True, to_field='id', related_name='rooms', on_delete=OnDelete.CASCADE)),
                ('session', fields.ForeignKeyField('rajut.Session', source_field='session_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('mode', fields.CharEnumField(default=RoomMode.MESH, description='MESH: mesh\nRELAY: relay', enum_type=RoomMode, max_length=8)),
                ('relay_host', fields.CharField(default='', max_length=64)),
                ('relay_lease_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'rooms', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RoomMessage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('room', fields.ForeignKeyField('rajut.Room', source_field='room_id', db_constraint=True, to_field='id', related_name='messages', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('rajut.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('body', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('deleted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'room_messages', 'app': 'rajut', 'indexes': [Index(fields=['room_id', 'id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RoomPresence',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('room', fields.ForeignKeyField('rajut.Room', source_field='room_id', db_constraint=True, to_field='id', related_name='presence', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('connection', fields.CharField(unique=True, max_length=40)),
                ('joined_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('seen_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('hand_raised', fields.BooleanField(default=False)),
                ('muted', fields.BooleanField(default=False)),
            ],
            options={'table': 'room_presence', 'app': 'rajut', 'indexes': [Index(fields=['room_id', 'seen_at'])], 'pk_attr': 'id', 'table_description': 'One live connection in a room (a person with two tabs has two).'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Programme',
            name='room_opens_minutes',
            field=fields.IntField(default=15),
        ),
    ]
