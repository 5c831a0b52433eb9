"""The Skip Pay Java SDK's response models, as its parser checks them.

Written from the public ``skip-pay/skippay-payments-java-sdk``: each model's
``openapiFields`` and ``openapiRequiredFields`` and its ``validateJsonObject``
(``src/main/java/cz/skippay/model/<Model>.java``), which refuses a field the model does not
name, a missing required field, and a required string that is not a JSON primitive; the
enums are those of ``api/openapi.yaml`` (the same repository). :func:`accepts` does what
``JSON.deserialize`` would do with an answer, so a test can say "the Java SDK reads it".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Model:
    fields: frozenset[str]
    required: frozenset[str]
    objects: dict[str, str] = field(default_factory=dict)  # field -> model
    lists: dict[str, str] = field(default_factory=dict)  # field -> model of the items
    enums: dict[str, frozenset[str]] = field(default_factory=dict)
    strings: frozenset[str] = frozenset()  # required strings (null is refused)


def model(
    fields: str,
    required: str = "",
    strings: str = "",
    **kinds: Any,
) -> Model:
    return Model(
        frozenset(fields.split()),
        frozenset(required.split()),
        kinds.get("objects", {}),
        kinds.get("lists", {}),
        {k: frozenset(v.split()) for k, v in kinds.get("enums", {}).items()},
        frozenset(strings.split()),
    )


STATE = "PROCESSING READY REJECTED CANCELLED"
STATE_REASON = (
    "PROCESSING_REDIRECT_NEEDED PROCESSING_PREAPPROVED PROCESSING_VALIDATION_IN_PROGRESS "
    "REJECTED CANCELLED_NOT_PAID READY_TO_SHIP READY_SHIPPED READY_DELIVERED READY_PAID "
    "CANCELLED_RETURNED"
)
DELIVERY_STATE = "PROCESSING SENT DELIVERED RETURNED CANCELLED"
ITEM_TYPE = "PHYSICAL DISCOUNT SHIPPING_FEE SALES_TAX DIGITAL GIFT_CARD STORE_CREDIT FEE INSURANCE"
ORDER_BASE = "number variableSymbols totalPrice totalVat addresses deliveryType deliveryCarrier "
ORDER_BASE += "reservationDate"
ORDER_RESPONSE = ORDER_BASE + " state deliveryDate deliveryTrackingNumber sentDate documents "
ORDER_RESPONSE += "items merchantId"
ORDER_REQUIRED = "number totalPrice totalVat deliveryDate deliveryTrackingNumber items "
ORDER_REQUIRED += "merchantId sentDate state"
ORDER_KINDS: dict[str, Any] = {
    "objects": {"totalPrice": "Amount"},
    "lists": {"totalVat": "VatAmount", "items": "OrderItemResponse", "addresses": "Address"},
    "enums": {"state": DELIVERY_STATE},
}

MODELS: dict[str, Model] = {
    "Amount": model("amount currency", "amount currency", "currency"),
    "VatAmount": model("amount currency vatRate", "amount currency vatRate", "currency"),
    "ApplicationBaseResponse": model(
        "id state stateReason",
        "id state stateReason",
        "id",
        enums={"state": STATE, "stateReason": STATE_REASON},
    ),
    "ApplicationResponse": model(
        "id state stateReason customer order type agreementTermsAndConditions "
        "gatewayRedirectUrl recurrence",
        "id state stateReason customer order type agreementTermsAndConditions gatewayRedirectUrl",
        "id gatewayRedirectUrl",
        objects={"customer": "CustomerResponse", "order": "OrderResponse"},
        enums={
            "state": STATE,
            "stateReason": STATE_REASON,
            "type": "DEFERRED_PAYMENT PAY_IN_THREE",
        },
    ),
    "CustomerResponse": model(
        "titleBefore titleAfter email addresses tin vatin extraData firstName lastName "
        "fullName phone PrecheckResultResponseSerializer",
        "email firstName lastName fullName phone",
        "email firstName lastName fullName phone",
        lists={"addresses": "Address"},
    ),
    "Address": model(
        "name country city streetAddress streetNumber zip addressType",
        "addressType city country streetAddress zip",
        "city country streetAddress zip",
        enums={"addressType": "PERMANENT CONTACT DELIVERY BILLING"},
    ),
    "OrderResponse": model(ORDER_RESPONSE, ORDER_REQUIRED, "number", **ORDER_KINDS),
    "OrderExtendedResponse": model(
        ORDER_RESPONSE + " applicationInfo",
        ORDER_REQUIRED + " applicationInfo",
        "number",
        objects={"totalPrice": "Amount", "applicationInfo": "ApplicationBaseResponse"},
        lists=ORDER_KINDS["lists"],
        enums={"state": DELIVERY_STATE},
    ),
    "OrderItemResponse": model(
        "code ean name type variant description producer categories totalPrice totalVat "
        "productUrl state sentDate deliveryDate deliveryTrackingNumber image unitPrice "
        "unitVat quantity",
        "code name totalPrice totalVat deliveryDate deliveryTrackingNumber quantity sentDate "
        "state unitPrice unitVat",
        "code name",
        objects={
            "totalPrice": "Amount",
            "totalVat": "VatAmount",
            "unitPrice": "Amount",
            "unitVat": "VatAmount",
        },
        enums={"state": DELIVERY_STATE, "type": ITEM_TYPE},
    ),
    "Payment": model(
        "paymentId date applicationId value invoice",
        "applicationId date paymentId value",
        "applicationId date paymentId",
        objects={"value": "Amount"},
    ),
    "PagingInfo": model("itemsPerPage nextPage prevPage", "itemsPerPage"),
    "Getpaymentsonspecificapplicationresponse": model(
        "data pagingInfo", "data", objects={"pagingInfo": "PagingInfo"}, lists={"data": "Payment"}
    ),
    "ErrorsResponse": model("errors", "errors", lists={"errors": "ErrorsResponseErrorsInner"}),
    "ErrorsResponseErrorsInner": model(
        "code message severity attribute ticketId",
        "code message severity",
        "code message",
        enums={"severity": "ERROR WARN INFO"},
    ),
    "PartnerLoginResult": model("accessToken expiresIn", "accessToken"),
    "HealthCheckResponse": model("projectVersion", "projectVersion"),
}


def accepts(name: str, value: Any, where: str = "$") -> list[str]:
    """What the Java SDK's parser would refuse in ``value`` read as model ``name``."""
    spec = MODELS[name]
    if not isinstance(value, dict):
        return [f"{where}: {name} must be an object"]
    wrong = [f"{where}.{k}: not a field of {name}" for k in value if k not in spec.fields]
    wrong += [f"{where}.{k}: required by {name}" for k in spec.required if k not in value]
    for key, item in value.items():
        at = f"{where}.{key}"
        if key in spec.strings and not isinstance(item, str | int | float | bool):
            wrong.append(f"{at}: must be a JSON primitive")
        if item is None:
            if key in spec.objects and key in spec.required:
                wrong.append(f"{at}: required object is null")
            continue
        if key in spec.objects:
            wrong += accepts(spec.objects[key], item, at)
        if key in spec.lists:
            if not isinstance(item, list):
                wrong.append(f"{at}: must be an array")
            else:
                for n, element in enumerate(item):
                    wrong += accepts(spec.lists[key], element, f"{at}[{n}]")
        if key in spec.enums and item not in spec.enums[key]:
            wrong.append(f"{at}: {item!r} is not one of the SDK's values")
    return wrong
