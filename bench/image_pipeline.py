"""A 12-megapixel phone photo through validation, cleaning and all thumbnails.

    .venv/bin/python bench/image_pipeline.py [--runs 5]

Prints one JSON line: seconds for validation + cleaning, for thumbnails, and in total.
"""

import argparse
import io
import os
import statistics
import sys
import time

from harness import ROOT, emit

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")


def phone_photo() -> bytes:
    """4000 x 3000 with camera-like detail (noise compresses like a real photo does), EXIF
    rotation and GPS."""
    from PIL import Image

    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    image = Image.blend(noise, gradient, 0.5)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "S", 2: (6.0, 7.0, 30.0), 3: "E", 4: (106.0, 9.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from catalog.images import clean_image, make_thumbnails

    photo = phone_photo()
    cleaning, thumbnails, totals = [], [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        clean = clean_image(SimpleUploadedFile("IMG.jpg", photo))
        cleaned = time.perf_counter()
        make_thumbnails(clean.content)
        done = time.perf_counter()
        cleaning.append(cleaned - started)
        thumbnails.append(done - cleaned)
        totals.append(done - started)
    emit("image_pipeline", {
        "megapixels": 12, "input_bytes": len(photo), "runs": args.runs,
        "thumbnail_sizes": [128, 256, 512, 1024], "formats": ["webp", "jpeg"],
        "clean_s_median": round(statistics.median(cleaning), 3),
        "thumbnails_s_median": round(statistics.median(thumbnails), 3),
        "total_s_median": round(statistics.median(totals), 3),
        "total_s_max": round(max(totals), 3),
    })


if __name__ == "__main__":
    main()
