FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 COOPMART_ENV=production \
    COOPMART_VAR_DIR=/app/var
WORKDIR /app
COPY pyproject.toml README.md ./
COPY backend backend
COPY catalog catalog
COPY members members
COPY inventory inventory
COPY orders orders
COPY suppliers suppliers
COPY storefront storefront
COPY dashboard dashboard
# The translations: without them a container would serve English.
COPY locale locale
COPY manage.py ./
RUN pip install --no-cache-dir . \
    && SECRET_KEY=build-only-collectstatic-key-0123456789abcdef ALLOWED_HOSTS=* \
       DATABASE_URL=postgres://unused/unused python manage.py collectstatic --noinput -v 0

EXPOSE 8000
CMD ["gunicorn", "backend.wsgi:application", "--config", "python:backend.gunicorn_conf", \
     "--bind", "0.0.0.0:8000", "--workers", "4", \
     "--threads", "4", "--access-logfile", "-"]
