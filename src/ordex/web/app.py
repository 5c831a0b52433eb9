"""The inbox's routers and static files, as the application includes them."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter

STATIC = Path(__file__).resolve().parent / "static"


def web_routers() -> list[APIRouter]:
    from ordex.web import answers, buyer, hooks_page, orders, signin

    return [signin.router, orders.router, answers.router, buyer.router, hooks_page.router]
