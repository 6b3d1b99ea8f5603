from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

from models import directory_index


async def create_directory_index(apps, schema_editor):
    """The mentor directory's index (models/directory_index.py), filled from the profiles
    and enrolments already there; its triggers keep mentee loads current from now on."""
    await directory_index.create(schema_editor.client)
    await directory_index.rebuild(schema_editor.client)


async def drop_directory_index(apps, schema_editor):
    await directory_index.drop(schema_editor.client)


class Migration(migrations.Migration):
    dependencies = [('rajut', '0024_levels')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Expertise',
            index=Index(fields=['user_id']),
        ),
        ops.AddIndex(
            model_name='Relationship',
            index=Index(fields=['mentor_id']),
        ),
        ops.RunPython(create_directory_index, drop_directory_index),
    ]
