"""QRIS payloads (EMVCo merchant-presented QR): read the tags, put an amount into the
cooperative's printed (static) QRIS so the bank app fills in the exact amount, and draw a
QR as SVG. https://www.bi.go.id (QRIS standard, ASPI); EMVCo QRCPS-MPM 1.1."""

import io

import qrcode
import qrcode.image.svg


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE of the payload up to and including '6304'."""
    crc = 0xFFFF
    for byte in data.encode():
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def parse(payload: str) -> list[tuple[str, str]]:
    tags, i = [], 0
    while i + 4 <= len(payload):
        tag, length = payload[i:i + 2], int(payload[i + 2:i + 4])
        tags.append((tag, payload[i + 4:i + 4 + length]))
        i += 4 + length
    if i != len(payload):
        raise ValueError("not a QRIS payload")
    return tags


def is_valid(payload: str) -> bool:
    try:
        tags = parse(payload)
    except ValueError:
        return False
    return (bool(tags) and tags[0] == ("00", "01") and tags[-1][0] == "63"
            and crc16(payload[:-4]) == tags[-1][1].upper())


def with_amount(payload: str, amount: int) -> str:
    """The static QRIS turned dynamic for one amount: point of initiation 12, tag 54 set."""
    tags = [(t, v) for t, v in parse(payload) if t not in ("54", "63")]
    tags = [(t, "12" if t == "01" else v) for t, v in tags]
    at = next(i for i, (t, _) in enumerate(tags) if t > "54") if any(
        t > "54" for t, _ in tags) else len(tags)
    tags.insert(at, ("54", str(amount)))
    body = "".join(f"{t}{len(v):02d}{v}" for t, v in tags) + "6304"
    return body + crc16(body)


def merchant_name(payload: str) -> str:
    return dict(parse(payload)).get("59", "") if is_valid(payload) else ""


def qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10,
                        border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()
