from __future__ import annotations

import base64

import pytest

from catalog.models import ProductMedia
from catalog.services.images import sniff_image
from catalog.services.media import add_image, delete_media, fetch_image
from kernel.errors import DomainError
from kernel.outbound import OutboundPolicy
from mall.storage import LocalFolderStorage, S3Storage
from tests.catalog.services.builders import gift

# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def test_image_type_comes_from_the_bytes_not_the_name():
    assert sniff_image(PNG, "image") == ("image/png", "png")
    assert sniff_image(b"\xff\xd8\xff\xe0rest", "image") == ("image/jpeg", "jpg")
    assert sniff_image(b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image") == ("image/webp", "webp")


@pytest.mark.parametrize(("content", "code"), [(b"", "INVALID"), (b"<svg onload=alert(1)>", "UNSUPPORTED_MIME_TYPE")])
def test_non_images_are_refused(content, code):
    with pytest.raises(DomainError) as raised:
        sniff_image(content, "image")
    assert raised.value.details[0].code == code


async def test_image_is_stored_in_the_local_folder(tmp_path):
    # given
    storage = LocalFolderStorage(tmp_path, "http://mall.test")
    product = await gift()

    # when
    media = await add_image(storage, product, PNG, "Tea set, front")

    # then
    assert media.storage_key.startswith(f"products/{product.id}/")
    assert media.storage_key.endswith(".png")
    assert (tmp_path / media.storage_key).read_bytes() == PNG
    assert storage.url(media.storage_key) == f"http://mall.test/media/{media.storage_key}"


async def test_a_refused_upload_stores_nothing(tmp_path):
    # given
    storage = LocalFolderStorage(tmp_path, "http://mall.test")
    product = await gift()

    # when
    with pytest.raises(DomainError):
        await add_image(storage, product, b"GIF-but-not-really", "x")

    # then
    assert await ProductMedia.all().count() == 0
    assert list(tmp_path.iterdir()) == []


async def test_image_is_stored_in_s3_and_deleted_from_it(s3_server, s3_bucket):
    # given
    client = s3_server.client()
    storage = S3Storage(client, s3_bucket)
    product = await gift()

    # when
    media = await add_image(storage, product, PNG, "Tea set")
    stored = client.get_object(Bucket=s3_bucket, Key=media.storage_key)["Body"].read()
    await delete_media(storage, media)

    # then
    assert stored == PNG
    assert client.list_objects_v2(Bucket=s3_bucket).get("KeyCount") == 0
    assert await ProductMedia.all().count() == 0


async def test_image_is_fetched_from_a_url(s3_server, s3_bucket):
    # given: an image published over HTTP by a store the settings allow (moto's S3 on 127.0.0.1)
    client = s3_server.client()
    client.put_object(Bucket=s3_bucket, Key="partner/kettle.png", Body=PNG, ContentType="image/png")
    url = S3Storage(client, s3_bucket).url("partner/kettle.png")  # a presigned link
    image_store = OutboundPolicy(frozenset({"127.0.0.1"}))

    # when
    content = await fetch_image(url, image_store)
    with pytest.raises(DomainError) as missing:
        await fetch_image(S3Storage(client, s3_bucket).url("nothing.png"), image_store)

    # then
    assert content == PNG
    assert missing.value.details[0].message == "The image could not be fetched from this URL."
