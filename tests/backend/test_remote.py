"""The one fetcher of scheduled pulls connects to the address it checked (issue 14, finding
8): a second DNS answer cannot point the connection inside a private network."""

import socket

import pytest

from backend.remote import FetchFailed, fetch


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch):
    # No DNS and no outside network here: the resolver is replaced by one that rebinds (a
    # public answer first, then a private one), and connecting is recorded, never done.
    answers = iter(["93.184.215.14", "127.0.0.1"])
    looked_up, connected = [], []

    def rebinding_resolver(host, port, *args, **kwargs):
        looked_up.append(host)
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 443))]

    def record_connection(address, *args, **kwargs):
        connected.append(address)
        raise ConnectionRefusedError("no traffic in this test")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_resolver)
    monkeypatch.setattr(socket, "create_connection", record_connection)
    with pytest.raises(FetchFailed):
        fetch("https://pemasok.example.test/harga.csv")
    assert connected == [("93.184.215.14", 443)]
    assert looked_up == ["pemasok.example.test"]
