from tortoise import migrations
from tortoise.migrations import operations as ops
from mall.accounts.models import ScopeKind, new_token_key
from mall.outbox.models import OutboxStatus
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='App',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=128)),
                ('is_active', fields.BooleanField(default=True)),
                ('permissions', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('scope_kind', fields.CharEnumField(null=True, description='PARTNER: partner\nISSUER: issuer', enum_type=ScopeKind, max_length=16)),
                ('scope_code', fields.CharField(null=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'account_app', 'app': 'mall', 'pk_attr': 'id', 'table_description': 'A machine client (storefront server, bank system) authenticated by an opaque token.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AppToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('app', fields.ForeignKeyField('mall.App', source_field='app_id', db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('token_last_4', fields.CharField(max_length=4)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'account_app_token', 'app': 'mall', 'pk_attr': 'id', 'table_description': 'Only a hash of the token is kept. The token itself is shown once, when it is created.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Channel',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=250)),
                ('slug', fields.CharField(unique=True, max_length=255)),
                ('currency_code', fields.CharField(max_length=16)),
                ('default_country', fields.CharField(default='CN', max_length=2)),
                ('is_active', fields.BooleanField(default=True)),
                ('issuer_code', fields.CharField(null=True, max_length=64)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'channel_channel', 'app': 'mall', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LoginThrottle',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=320)),
                ('failed_attempts', fields.IntField(default=0)),
                ('last_failure_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('blocked_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'account_login_throttle', 'app': 'mall', 'pk_attr': 'id', 'table_description': 'Failed sign-in attempts per client address and e-mail, to slow down password guessing.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OutboxMessage',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('topic', fields.CharField(max_length=64)),
                ('payload', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('dedup_key', fields.CharField(max_length=200)),
                ('status', fields.CharEnumField(default=OutboxStatus.PENDING, description='PENDING: pending\nDELIVERED: delivered\nDEAD: dead', enum_type=OutboxStatus, max_length=16)),
                ('attempts', fields.IntField(default=0)),
                ('available_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_error', fields.TextField(null=True, unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('delivered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'outbox_message', 'app': 'mall', 'unique_together': (('topic', 'dedup_key'),), 'indexes': [Index(fields=['status', 'available_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Address',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('first_name', fields.CharField(default='', max_length=256)),
                ('last_name', fields.CharField(default='', max_length=256)),
                ('company_name', fields.CharField(default='', max_length=256)),
                ('street_address_1', fields.CharField(default='', max_length=256)),
                ('street_address_2', fields.CharField(default='', max_length=256)),
                ('city', fields.CharField(default='', max_length=256)),
                ('city_area', fields.CharField(default='', max_length=128)),
                ('postal_code', fields.CharField(default='', max_length=20)),
                ('country', fields.CharField(max_length=2)),
                ('country_area', fields.CharField(default='', max_length=128)),
                ('phone', fields.CharField(default='', max_length=32)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'account_address', 'app': 'mall', 'pk_attr': 'id', 'table_description': "A postal address, a member's address book entry when `user` is set."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('email', fields.CharField(unique=True, max_length=254)),
                ('first_name', fields.CharField(default='', max_length=256)),
                ('last_name', fields.CharField(default='', max_length=256)),
                ('password_hash', fields.CharField(null=True, max_length=256)),
                ('is_active', fields.BooleanField(default=True)),
                ('is_confirmed', fields.BooleanField(default=True)),
                ('is_staff', fields.BooleanField(default=False)),
                ('is_superuser', fields.BooleanField(default=False)),
                ('permissions', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('scope_kind', fields.CharEnumField(null=True, description='PARTNER: partner\nISSUER: issuer', enum_type=ScopeKind, max_length=16)),
                ('scope_code', fields.CharField(null=True, max_length=64)),
                ('jwt_token_key', fields.CharField(default=new_token_key, max_length=64)),
                ('language_code', fields.CharField(default='EN', max_length=35)),
                ('note', fields.TextField(null=True, unique=False)),
                ('external_reference', fields.CharField(null=True, unique=True, max_length=250)),
                ('default_shipping_address', fields.ForeignKeyField('mall.Address', source_field='default_shipping_address_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('default_billing_address', fields.ForeignKeyField('mall.Address', source_field='default_billing_address_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('private_metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('date_joined', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('last_login', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_password_reset_request_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'account_user', 'app': 'mall', 'pk_attr': 'id', 'table_description': 'A member (cardholder) or a staff user. Staff carry permissions and an optional scope.'},
            bases=['Model'],
        ),
        # Added after User exists: Address and User refer to each other, and tortoise's generated
        # CreateModel silently drops a foreign key to a table that is not created yet.
        ops.AddField(
            model_name='Address',
            name='user',
            field=fields.ForeignKeyField('mall.User', source_field='user_id', null=True, db_constraint=True, to_field='id', related_name='addresses', on_delete=OnDelete.CASCADE),
        ),
    ]
