from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.knowledge import ArticleStatus, Language, Visibility
from models.knowledge_files import ResourceKind
from tortoise.fields.base import OnDelete
from tortoise import fields


async def create_search_index(apps, schema_editor):
    """The full-text index of published articles (models/knowledge_search.py): an FTS5
    table of stemmed words on SQLite, a weighted tsvector table on PostgreSQL."""
    client = schema_editor.client
    if client.capabilities.dialect == "sqlite":
        await client.execute_script(
            "CREATE VIRTUAL TABLE knowledge_fts USING fts5("
            "language, title, tags, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        return
    await client.execute_script(
        "CREATE TABLE knowledge_search ("
        "article_id INT PRIMARY KEY REFERENCES knowledge_articles (id) ON DELETE CASCADE, "
        "language VARCHAR(2) NOT NULL, vector TSVECTOR NOT NULL); "
        "CREATE INDEX knowledge_search_vector ON knowledge_search USING GIN (vector)"
    )


async def drop_search_index(apps, schema_editor):
    client = schema_editor.client
    table = "knowledge_fts" if client.capabilities.dialect == "sqlite" else "knowledge_search"
    await client.execute_script(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [('rajut', '0019_notes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Article',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='articles', on_delete=OnDelete.CASCADE)),
                ('organisation_id', fields.IntField(db_index=True)),
                ('title', fields.CharField(max_length=200)),
                ('summary', fields.CharField(default='', max_length=500)),
                ('body', fields.TextField(default='', unique=False)),
                ('tags', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('language', fields.CharEnumField(default=Language.ID, description='ID: id\nEN: en', enum_type=Language, max_length=2)),
                ('visibility', fields.CharEnumField(default=Visibility.PROGRAMME, description='PROGRAMME: programme\nORGANISATION: organisation\nPUBLIC: public', enum_type=Visibility, max_length=16)),
                ('status', fields.CharEnumField(default=ArticleStatus.DRAFT, description='DRAFT: draft\nIN_REVIEW: in_review\nPUBLISHED: published\nARCHIVED: archived', enum_type=ArticleStatus, max_length=16)),
                ('private', fields.BooleanField(default=True)),
                ('created_by', fields.ForeignKeyField('rajut.User', source_field='created_by_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('reviewed_by', fields.ForeignKeyField('rajut.User', source_field='reviewed_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('review_comment', fields.TextField(default='', unique=False)),
                ('reviewed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('source_note_id', fields.IntField(null=True)),
                ('revision', fields.IntField(default=1)),
                ('views', fields.IntField(default=0)),
                ('helpful', fields.IntField(default=0)),
                ('focus_areas', fields.ManyToManyField('rajut.FocusArea', unique=True, db_constraint=True, through='article_focus_areas', forward_key='focusarea_id', backward_key='knowledge_articles_id', related_name='articles', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('published_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'knowledge_articles', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ArticleAuthor',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('rajut.Article', source_field='article_id', db_constraint=True, to_field='id', related_name='authors', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'knowledge_authors', 'app': 'rajut', 'unique_together': (('article', 'user'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ArticleRevision',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('rajut.Article', source_field='article_id', db_constraint=True, to_field='id', related_name='revisions', on_delete=OnDelete.CASCADE)),
                ('number', fields.IntField()),
                ('author', fields.ForeignKeyField('rajut.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('note', fields.CharField(default='', max_length=200)),
                ('title', fields.CharField(max_length=200)),
                ('summary', fields.CharField(default='', max_length=500)),
                ('body', fields.TextField(default='', unique=False)),
                ('tags', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'knowledge_revisions', 'app': 'rajut', 'unique_together': (('article', 'number'),), 'pk_attr': 'id', 'table_description': "One state of an article's text, whole: diffs are computed, never stored."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ArticleView',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('rajut.Article', source_field='article_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
            ],
            options={'table': 'knowledge_views', 'app': 'rajut', 'unique_together': (('article', 'user', 'day'),), 'pk_attr': 'id', 'table_description': 'One person read one article on one day (views count people per day, not reloads).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FocusFollow',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('focus_area', fields.ForeignKeyField('rajut.FocusArea', source_field='focus_area_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'knowledge_follows', 'app': 'rajut', 'unique_together': (('user', 'focus_area'),), 'pk_attr': 'id', 'table_description': 'A member wants to hear of new articles in a focus area.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='HelpfulVote',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('rajut.Article', source_field='article_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('rajut.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'knowledge_helpful_votes', 'app': 'rajut', 'unique_together': (('article', 'user'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Resource',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='LINK: link\nFILE: file', enum_type=ResourceKind, max_length=8)),
                ('title', fields.CharField(max_length=200)),
                ('url', fields.CharField(default='', max_length=2000)),
                ('article', fields.ForeignKeyField('rajut.Article', source_field='article_id', null=True, db_constraint=True, to_field='id', related_name='resources', on_delete=OnDelete.CASCADE)),
                ('focus_area', fields.ForeignKeyField('rajut.FocusArea', source_field='focus_area_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('stored_name', fields.CharField(default='', max_length=64)),
                ('filename', fields.CharField(default='', max_length=120)),
                ('content_type', fields.CharField(default='', max_length=100)),
                ('size', fields.IntField(default=0)),
                ('added_by', fields.ForeignKeyField('rajut.User', source_field='added_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'knowledge_resources', 'app': 'rajut', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.RunPython(create_search_index, drop_search_index),
    ]
