from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.expenses import ExpenseCategory
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('rajut', '0022_imports')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Expense',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('category', fields.CharEnumField(description='VENUE: venue\nCONSUMPTION: consumption\nTRANSPORT: transport\nMATERIALS: materials\nHONORARIUM: honorarium\nPLATFORM: platform\nCOMMUNICATION: communication\nWELFARE: welfare\nOTHER: other', enum_type=ExpenseCategory, max_length=16)),
                ('amount_minor', fields.BigIntField()),
                ('currency', fields.CharField(default='IDR', max_length=3)),
                ('spent_on', fields.DateField()),
                ('description', fields.CharField(max_length=500)),
                ('participant', fields.ForeignKeyField('rajut.User', source_field='participant_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('recorded_by', fields.ForeignKeyField('rajut.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('receipt_stored_name', fields.CharField(default='', max_length=64)),
                ('receipt_filename', fields.CharField(default='', max_length=120)),
                ('receipt_content_type', fields.CharField(default='', max_length=100)),
                ('receipt_size', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'expenses', 'app': 'rajut', 'indexes': [Index(fields=['programme_id', 'spent_on'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TransparencyReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.OneToOneField('rajut.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('period_start', fields.DateField()),
                ('period_end', fields.DateField()),
                ('figures', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('published_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('published_by', fields.ForeignKeyField('rajut.User', source_field='published_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'transparency_reports', 'app': 'rajut', 'pk_attr': 'id', 'table_description': "A programme's published public report, small groups already withheld."},
            bases=['Model'],
        ),
    ]
