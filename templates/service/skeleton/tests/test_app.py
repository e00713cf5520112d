from app.main import respond


def test_health():
    assert respond("/healthz") == (200, {"status": "ok"})


def test_unknown_route():
    status, body = respond("/nope")
    assert status == 404
    assert "nope" in body["error"]
