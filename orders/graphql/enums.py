"""The redemption domain's GraphQL enums, named and valued as Saleor's (values in kernel.saleor_enums).

Other domains' GraphQL modules (fulfilment) use OrderErrorCode, OrderStatus and FulfillmentStatus from here.
"""

from __future__ import annotations

from mall.graphql.enums import JobStatusEnum as JobStatusEnum  # defined below orders: catalogue exports use it too
from mall.graphql.enums import saleor_enum

CheckoutErrorCode = saleor_enum("CheckoutErrorCode", extra={
    "CONFIRMATION_REQUIRED": "Points mall: the programme asks for a one-time code before this redemption "
                             "(checkoutConfirmationRequest, then checkoutConfirmationVerify).",
    "CONFIRMATION_CODE_INVALID": "Points mall: not the code that was sent.",
    "CONFIRMATION_CODE_EXPIRED": "Points mall: the code expired, or the checkout's total changed since it was sent.",
    "CONFIRMATION_TRIES_EXCEEDED": "Points mall: too many wrong codes, or too many codes sent.",
    "CONFIRMATION_RESEND_TOO_SOON": "Points mall: a new code may be asked for a minute after the last.",
    "CONFIRMATION_UNREACHABLE": "Points mall: the member has no phone number (or e-mail) to send a code to.",
})
OrderErrorCode = saleor_enum("OrderErrorCode")
PROVIDER_ERROR = "Points mall: Stripe refused the payment or could not be reached."
TransactionInitializeErrorCode = saleor_enum(
    "TransactionInitializeErrorCode",
    extra={
        "INSUFFICIENT_POINTS": "Points mall: the member does not have enough points for the amount asked.",
        "CASH_NOT_ALLOWED": "Points mall: the channel's issuer does not allow paying part of a redemption in cash.",
        "CASH_SHARE_TOO_HIGH": "Points mall: cash would pay more of the checkout than the issuer allows.",
        "PAYMENT_PROVIDER_ERROR": PROVIDER_ERROR,
    },
)
TransactionProcessErrorCode = saleor_enum(
    "TransactionProcessErrorCode", extra={"PAYMENT_PROVIDER_ERROR": PROVIDER_ERROR}
)
PaymentGatewayInitializeErrorCode = saleor_enum("PaymentGatewayInitializeErrorCode")
PaymentGatewayConfigErrorCode = saleor_enum("PaymentGatewayConfigErrorCode")
DeliveryOptionsCalculateErrorCode = saleor_enum("DeliveryOptionsCalculateErrorCode")

OrderStatus = saleor_enum("OrderStatus")
OrderStatusFilter = saleor_enum("OrderStatusFilter")
OrderSortField = saleor_enum("OrderSortField")
OrderOriginEnum = saleor_enum("OrderOriginEnum")
OrderAction = saleor_enum("OrderAction")
OrderEventsEnum = saleor_enum("OrderEventsEnum")
OrderEventsEmailsEnum = saleor_enum("OrderEventsEmailsEnum")
OrderAuthorizeStatusEnum = saleor_enum("OrderAuthorizeStatusEnum")
OrderChargeStatusEnum = saleor_enum("OrderChargeStatusEnum")
OrderDiscountType = saleor_enum("OrderDiscountType")
OrderGrantedRefundStatusEnum = saleor_enum("OrderGrantedRefundStatusEnum")
PaymentChargeStatusEnum = saleor_enum("PaymentChargeStatusEnum")
CheckoutAuthorizeStatusEnum = saleor_enum("CheckoutAuthorizeStatusEnum")
CheckoutChargeStatusEnum = saleor_enum("CheckoutChargeStatusEnum")
TransactionEventTypeEnum = saleor_enum("TransactionEventTypeEnum")
TransactionActionEnum = saleor_enum("TransactionActionEnum")
TransactionKind = saleor_enum("TransactionKind")
FulfillmentStatus = saleor_enum("FulfillmentStatus")
ShippingMethodTypeEnum = saleor_enum("ShippingMethodTypeEnum")
DiscountValueTypeEnum = saleor_enum("DiscountValueTypeEnum")
TokenizedPaymentFlowEnum = saleor_enum("TokenizedPaymentFlowEnum")
