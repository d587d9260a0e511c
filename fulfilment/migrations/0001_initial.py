from tortoise import migrations
from tortoise.migrations import operations as ops
from fulfilment.models import HandoffMode, HandoffStatus, ReturnStatus, ShipmentStatus, TrackingStatus
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

class Migration(migrations.Migration):
    dependencies = [('catalog', '0002_read_indexes'), ('orders', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Carrier',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('name', fields.CharField(max_length=250)),
                ('handoff_mode', fields.CharEnumField(default=HandoffMode.MANUAL, description='MANUAL: manual\nHTTP: http\nMANIFEST: manifest', enum_type=HandoffMode, max_length=16)),
                ('endpoint_url', fields.CharField(default='', max_length=500)),
                ('storage_location', fields.CharField(default='', max_length=500)),
                ('signing_secret', fields.CharField(max_length=200)),
                ('handover_days', fields.IntField(default=2)),
                ('delivery_days', fields.IntField(default=5)),
                ('tracking_url_template', fields.CharField(default='', max_length=500)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'fulfilment_carrier', 'app': 'fulfilment', 'constraints': [CheckConstraint(check='handover_days >= 0 AND delivery_days >= 0', name='carrier_days_not_negative')], 'pk_attr': 'id', 'table_description': 'A logistics partner: how shipments are handed to it, how it signs its webhooks, its service level.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Manifest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('carrier', fields.ForeignKeyField('fulfilment.Carrier', source_field='carrier_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('storage_key', fields.CharField(default='', max_length=500)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('uploaded_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'fulfilment_manifest', 'app': 'fulfilment', 'pk_attr': 'id', 'table_description': 'A batch of shipments handed to a manifest carrier as one file.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Shipment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('orders.Order', source_field='order_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('sequence', fields.IntField()),
                ('warehouse', fields.ForeignKeyField('catalog.Warehouse', source_field='warehouse_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('partner_code', fields.CharField(null=True, db_index=True, max_length=64)),
                ('status', fields.CharEnumField(default=ShipmentStatus.FULFILLED, db_index=True, description='FULFILLED: fulfilled\nWAITING_FOR_APPROVAL: waiting_for_approval\nCANCELED: canceled\nREFUNDED: refunded\nRETURNED: returned\nREFUNDED_AND_RETURNED: refunded_and_returned\nREPLACED: replaced', enum_type=ShipmentStatus, max_length=32)),
                ('carrier', fields.ForeignKeyField('fulfilment.Carrier', source_field='carrier_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('tracking_number', fields.CharField(default='', db_index=True, max_length=255)),
                ('label_url', fields.CharField(default='', max_length=1000)),
                ('handoff_status', fields.CharEnumField(default=HandoffStatus.NOT_STARTED, description='NOT_STARTED: not_started\nPENDING: pending\nHANDED_OVER: handed_over', enum_type=HandoffStatus, max_length=16)),
                ('handoff_message_id', fields.BigIntField(null=True)),
                ('manifest', fields.ForeignKeyField('fulfilment.Manifest', source_field='manifest_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('handed_over_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('tracking_status', fields.CharEnumField(null=True, description='PRE_TRANSIT: pre_transit\nIN_TRANSIT: in_transit\nOUT_FOR_DELIVERY: out_for_delivery\nDELIVERED: delivered\nAVAILABLE_FOR_PICKUP: available_for_pickup\nRETURN_TO_SENDER: return_to_sender\nFAILURE: failure\nCANCELLED: cancelled', enum_type=TrackingStatus, max_length=32)),
                ('tracking_status_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('delivered_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('failed_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('points_refunded', fields.IntField(default=0)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('private_metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'fulfilment_shipment', 'app': 'fulfilment', 'unique_together': (('order', 'sequence'),), 'pk_attr': 'id', 'table_description': "Saleor's Fulfillment: order lines leaving one warehouse together, with one tracking number."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReturnRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('orders.Order', source_field='order_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('shipment', fields.ForeignKeyField('fulfilment.Shipment', source_field='shipment_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('partner_code', fields.CharField(null=True, db_index=True, max_length=64)),
                ('status', fields.CharEnumField(default=ReturnStatus.REQUESTED, db_index=True, description='REQUESTED: requested\nAPPROVED: approved\nREJECTED: rejected\nRECEIVED: received', enum_type=ReturnStatus, max_length=16)),
                ('reason', fields.CharField(default='', max_length=1000)),
                ('points_refunded', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('received_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'fulfilment_return', 'app': 'fulfilment', 'pk_attr': 'id', 'table_description': "A member's request to send delivered gifts back, decided by the partner, refunded when received."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReturnEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('return_request', fields.ForeignKeyField('fulfilment.ReturnRequest', source_field='return_request_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharEnumField(description='REQUESTED: requested\nAPPROVED: approved\nREJECTED: rejected\nRECEIVED: received', enum_type=ReturnStatus, max_length=16)),
                ('actor', fields.CharField(default='', max_length=128)),
                ('note', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'fulfilment_return_event', 'app': 'fulfilment', 'pk_attr': 'id', 'table_description': 'One step of a return (requested, approved, rejected, received), with who and why.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ShipmentLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shipment', fields.ForeignKeyField('fulfilment.Shipment', source_field='shipment_id', db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('order_line', fields.ForeignKeyField('orders.OrderLine', source_field='order_line_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('stock_id', fields.IntField(null=True)),
                ('quantity', fields.IntField()),
            ],
            options={'table': 'fulfilment_shipment_line', 'app': 'fulfilment', 'constraints': [CheckConstraint(check='quantity > 0', name='shipment_line_quantity_positive')], 'pk_attr': 'id', 'table_description': 'Units of one order line in a shipment, and the stock row they left from.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReturnLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('return_request', fields.ForeignKeyField('fulfilment.ReturnRequest', source_field='return_request_id', db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('shipment_line', fields.ForeignKeyField('fulfilment.ShipmentLine', source_field='shipment_line_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('quantity', fields.IntField()),
            ],
            options={'table': 'fulfilment_return_line', 'app': 'fulfilment', 'constraints': [CheckConstraint(check='quantity > 0', name='return_line_quantity_positive')], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TrackingEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shipment', fields.ForeignKeyField('fulfilment.Shipment', source_field='shipment_id', db_constraint=True, to_field='id', related_name='tracking_events', on_delete=OnDelete.CASCADE)),
                ('carrier', fields.ForeignKeyField('fulfilment.Carrier', source_field='carrier_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('event_id', fields.CharField(max_length=200)),
                ('status', fields.CharEnumField(description='PRE_TRANSIT: pre_transit\nIN_TRANSIT: in_transit\nOUT_FOR_DELIVERY: out_for_delivery\nDELIVERED: delivered\nAVAILABLE_FOR_PICKUP: available_for_pickup\nRETURN_TO_SENDER: return_to_sender\nFAILURE: failure\nCANCELLED: cancelled', enum_type=TrackingStatus, max_length=32)),
                ('carrier_status', fields.CharField(default='', max_length=100)),
                ('occurred_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('location', fields.CharField(default='', max_length=250)),
                ('description', fields.CharField(default='', max_length=1000)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'fulfilment_tracking_event', 'app': 'fulfilment', 'unique_together': (('carrier', 'event_id'),), 'pk_attr': 'id', 'table_description': 'One carrier event of a shipment, kept whatever order it arrived in.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WarehouseCarrier',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('warehouse', fields.ForeignKeyField('catalog.Warehouse', source_field='warehouse_id', unique=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('carrier', fields.ForeignKeyField('fulfilment.Carrier', source_field='carrier_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'fulfilment_warehouse_carrier', 'app': 'fulfilment', 'pk_attr': 'id', 'table_description': "The carrier that collects a warehouse's parcels unless a fulfilment names another."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WebhookReceipt',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('carrier', fields.ForeignKeyField('fulfilment.Carrier', source_field='carrier_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('signature', fields.CharField(max_length=128)),
                ('received_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'fulfilment_webhook_receipt', 'app': 'fulfilment', 'unique_together': (('carrier', 'signature'),), 'pk_attr': 'id', 'table_description': 'A carrier request already accepted: the same signed request again is a replay and is refused.'},
            bases=['Model'],
        ),
    ]
