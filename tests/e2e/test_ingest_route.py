"""``POST /api/v1/{partyId}/purchaseOrder/send`` reads its request by hand (no dependencies
to solve, one trip to the thread pool): it answers and is documented as an ordinary route."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request, Response

from ordex.api import openapi, peppol
from ordex.api.deps import Ctx, CurrentAccount, PathParty
from ordex.api.schemas import DocumentOut
from tests.e2e.conftest import BUYER, SELLER, Hub

SEND = f"/api/v1/{BUYER}/purchaseOrder/send"
OPERATION = "/api/v1/{partyId}/purchaseOrder/send"


def xml_headers(hub: Hub, **extra: str) -> dict[str, str]:
    return hub.headers(BUYER, **{"Content-Type": "application/xml", **extra})


def test_no_token_is_a_401_before_the_body_is_looked_at(hub: Hub) -> None:
    answer = hub.client.post(SEND, content=b"", headers={"Content-Type": "application/xml"})
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert answer.json()["code"] == "API401"


def test_a_token_in_another_scheme_or_an_empty_one_is_a_401(hub: Hub, order_xml: bytes) -> None:
    for authorization in (f"Basic {hub.keys[BUYER]}", "Bearer", "Bearer ", "bearer-x"):
        headers = {"Authorization": authorization, "Content-Type": "application/xml"}
        answer = hub.client.post(SEND, content=order_xml, headers=headers)
        assert answer.status_code == 401, authorization
        assert answer.json()["errorCode"] == "AUTHENTICATION_FAILED", authorization


def test_a_lowercase_bearer_scheme_is_accepted(hub: Hub, order_xml: bytes) -> None:
    headers = {"Authorization": f"bearer {hub.keys[BUYER]}", "Content-Type": "application/xml"}
    assert hub.client.post(SEND, content=order_xml, headers=headers).status_code == 200


def test_a_malformed_party_in_the_path_is_a_401_without_a_key_and_a_400_with_one(
    hub: Hub, order_xml: bytes
) -> None:
    url = "/api/v1/not-a-party/purchaseOrder/send"
    assert hub.client.post(url, content=order_xml).status_code == 401
    answer = hub.client.post(url, content=order_xml, headers=xml_headers(hub))
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == "INVALID_PARTY_ID"


def test_an_empty_body_is_a_400_once_the_token_is_good(hub: Hub) -> None:
    answer = hub.client.post(SEND, content=b"  \n", headers=xml_headers(hub))
    assert answer.status_code == 400
    assert answer.json()["message"] == "The request body is empty: send a UBL document."


def test_a_malformed_receiver_id_is_a_400_after_the_token_and_the_body(
    hub: Hub, order_xml: bytes
) -> None:
    url = f"{SEND}?receiverId=nonsense"
    refused = hub.client.post(url, content=order_xml, headers={"Authorization": "Bearer x"})
    assert refused.status_code == 401
    empty = hub.client.post(url, content=b"", headers=xml_headers(hub))
    assert empty.json()["message"] == "The request body is empty: send a UBL document."
    answer = hub.client.post(url, content=order_xml, headers=xml_headers(hub))
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == "INVALID_PARTY_ID"


def test_a_receiver_id_names_the_recipient(hub: Hub, order_xml: bytes) -> None:
    url = f"{SEND}?receiverId={SELLER}&channel=ignored"
    answer = hub.client.post(url, content=order_xml, headers=xml_headers(hub))
    assert answer.status_code == 200
    assert answer.json()["receiver"] == SELLER


def test_a_sent_order_is_answered_with_the_json_of_the_documented_model(
    hub: Hub, order_xml: bytes
) -> None:
    answer = hub.client.post(SEND, content=order_xml, headers=xml_headers(hub))
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    model = DocumentOut.model_validate_json(answer.content)
    assert answer.json() == model.model_dump(mode="json")
    assert list(answer.json()) == list(DocumentOut.model_fields)


def test_with_an_idempotency_key_the_answer_has_the_same_shape_and_replays(
    hub: Hub, order_xml: bytes
) -> None:
    headers = xml_headers(hub, **{"Idempotency-Key": "ingest-1"})
    first = hub.client.post(SEND, content=order_xml, headers=headers)
    again = hub.client.post(SEND, content=order_xml, headers=headers)
    assert first.status_code == again.status_code == 200
    assert list(first.json()) == list(DocumentOut.model_fields)
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"


def _operation(app: FastAPI) -> dict[str, Any]:
    operation: dict[str, Any] = app.openapi()["paths"][OPERATION]["post"]
    return operation


def test_send_is_documented_as_if_fastapi_solved_its_parameters(hub: Hub) -> None:
    ordinary = APIRouter(
        prefix="/api/v1/{partyId}", tags=["Peppol ordering (PSB)"], responses=peppol.ERRORS
    )

    @ordinary.post(
        "/purchaseOrder/send",
        response_model=DocumentOut,
        summary="Send a UBL Order (T01) to the seller named in it",
        openapi_extra=peppol.XML_BODY,
    )
    async def send(
        request: Request,
        partyId: PathParty,
        account: CurrentAccount,
        ctx: Ctx,
        receiverId: Annotated[
            str | None, Query(description="Recipient if not in the document")
        ] = None,
        channel: Annotated[str | None, Query(description="Accepted and ignored (PSB)")] = None,
    ) -> Response:
        raise NotImplementedError

    plain = FastAPI()
    openapi.install(plain)  # the same completion of the document (api/openapi.py)
    plain.include_router(ordinary)
    documented = hub.client.get("/openapi.json").json()["paths"][OPERATION]["post"]
    assert documented == _operation(plain)
    assert [p["name"] for p in documented["parameters"]] == ["partyId", "receiverId", "channel"]
    assert documented["security"] == [{"HTTPBearer": []}]
