import codecs

import pytest

from zhkb.errors import InputError
from zhkb.read import decode, read_source

SAMPLE = "如何抓住大客户，实现持续性销售？這裡的老客戶不是普通的客戶。"


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("gb18030", b""),
    ("big5", b""),
])
def test_decodes_supported_encodings(encoding, prefix):
    text = "如何抓住大客戶，實現持續性銷售？這裡的老客戶不是普通的客戶。" if encoding == "big5" else SAMPLE
    decoded, used = decode(prefix + text.encode(encoding), "x.txt")
    assert decoded == text
    assert used in {"utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"}


def test_big5_and_gb18030_are_told_apart():
    traditional = "推銷產品怎樣才能打動客戶？說話要真誠，只有真誠的人才能贏得信任。"
    assert decode(traditional.encode("big5"), "t.txt")[1] == "big5"
    simplified = "推销产品怎样才能打动客户？说话要真诚，只有真诚的人才能赢得信任。"
    assert decode(simplified.encode("gb18030"), "s.txt")[1] == "gb18030"


def test_undecodable_bytes_name_file_and_offset():
    data = "正常的开头".encode() + b"\xff\xfe\xfd\x80\x81" * 3
    with pytest.raises(InputError) as info:
        decode(data, "sources/texts/bad.txt")
    assert info.value.path == "sources/texts/bad.txt"
    assert info.value.offset == len("正常的开头".encode())
    assert "--encoding" in str(info.value)


def test_binary_is_refused_with_offset():
    with pytest.raises(InputError) as info:
        decode(b"abc\x00def", "bin.txt")
    assert info.value.offset == 3
    assert "binary" in info.value.message


def test_explicit_encoding_is_used_and_checked():
    assert decode("客戶".encode("big5"), "x.txt", "big5") == ("客戶", "big5")
    with pytest.raises(InputError) as info:
        decode(b"\xff\xff", "x.txt", "utf-8")
    assert info.value.offset == 0
    with pytest.raises(InputError):
        decode(b"abc", "x.txt", "no-such-codec")


def test_read_source_gives_repo_relative_path(tmp_path):
    (tmp_path / "sources").mkdir()
    path = tmp_path / "sources" / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + "『壹』 标题\r\n".encode())
    source = read_source(path, tmp_path)
    assert source.path == "sources/a.txt"
    assert source.text == "『壹』 标题\r\n"  # line endings are the cleaner's (recorded) business
