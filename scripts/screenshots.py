"""Take phone-size screenshots (390×844) of the built site, to look at.

    python scripts/screenshots.py [--site site] [--out screenshots] [--full-page]

Run `zhkb build` first (or name another build with --site).  Writes PNGs of
the home page, an article and the tags page in both variants, an article in
the dark scheme, the share confirmation (a phone without a share sheet), a
tip's short page as it is without its redirect (what link preview bots
read), and a chat-style preview card made from that page's Open Graph tags.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test tooling: browsers, nginx, search evaluation

from support.browser import PHONE, launch  # noqa: E402
from support.nginx import nginx_serving  # noqa: E402
from support.site import without_redirect  # noqa: E402

PAGES = {
    "home-hans": "",
    "article-hans": "articles/win-over/",
    "home-hant": "zh-Hant/",
    "article-hant": "zh-Hant/articles/insurance-first-deal/",
    "tags-hans": "tags/",
}
SHARED_TIP = "t4"
SHARE_PAGE = "articles/win-over/"


def shoot(page, url: str, target: Path, full_page: bool = False) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(target), full_page=full_page)
    print(target)


def share_confirmation(browser, base: str, target: Path) -> None:
    """Tap a tip's share control where there is no share sheet: the link is copied, and the page says so."""
    context = browser.new_context(**PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script("delete Navigator.prototype.share;")
    page = context.new_page()
    page.goto(f"{base}{SHARE_PAGE}#{SHARED_TIP}")
    page.wait_for_load_state("networkidle")
    page.locator(f'a[data-zhkb-share="{SHARED_TIP}"]').tap()
    page.locator(".zhkb-toast--shown").wait_for()
    page.wait_for_timeout(300)  # the note's fade-in
    page.screenshot(path=str(target))
    print(target)
    context.close()


def open_graph(page_html: str) -> dict[str, str]:
    tags = re.findall(r'<meta property="og:([a-z_:]+)" content="([^"]*)">', page_html)
    return {name: html.unescape(value) for name, value in tags}


def preview_card(og: dict[str, str], short_url: str, image: str) -> str:
    """A chat message holding the short link, with a preview card as chat apps draw one from Open Graph."""
    e = html.escape
    return f"""<!doctype html><html lang="zh-Hans"><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<body style="margin:0;padding:24px 16px;background:#ededed;font:16px/1.5 system-ui,'Noto Sans CJK SC',sans-serif">
<p style="text-align:center;color:#888;font-size:13px">（示意：聊天软件按 Open Graph 标签显示的链接预览）</p>
<div style="margin-left:auto;max-width:300px;padding:12px;border-radius:8px;background:#95ec69">
  <div style="color:#1a4d8f;word-break:break-all">{e(short_url)}</div>
  <div style="display:flex;gap:10px;margin-top:8px;padding:10px;border-radius:6px;background:#fff">
    <div style="flex:1;min-width:0">
      <div style="font-weight:700">{e(og.get("title", ""))}</div>
      <div style="color:#666;font-size:14px">{e(og.get("description", ""))}</div>
      <div style="margin-top:6px;color:#999;font-size:12px">{e(og.get("site_name", ""))}</div>
    </div>
    <img src="{e(image)}" width="48" height="48" style="border-radius:6px" alt="">
  </div>
</div></body></html>"""


def short_page(browser, base: str, site: Path, page_target: Path, card_target: Path) -> None:
    """The tip's short page without its redirect, and a chat preview card from its tags."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    short_url = f"{base}t/{SHARED_TIP}/"
    page_html = (site / "t" / SHARED_TIP / "index.html").read_text(encoding="utf-8")
    page.route(short_url, lambda route: route.fulfill(body=without_redirect(page_html), content_type="text/html"))
    shoot(page, short_url, page_target)
    page.unroute(short_url)
    # The image as served here (og:image names the configured site_url, which may not be this server).
    image = base + "assets/images/icon-192.png"
    page.goto(base)  # an origin for the image
    page.set_content(preview_card(open_graph(page_html), short_url, image))
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(card_target))
    print(card_target)
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with nginx_serving(args.site) as (base, _log), sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_context(**PHONE).new_page()
        for name, path in PAGES.items():
            shoot(page, base + path, args.out / f"{name}.png", args.full_page)
        dark = browser.new_context(**PHONE, color_scheme="dark").new_page()
        shoot(dark, f"{base}zh-Hant/{SHARE_PAGE}#{SHARED_TIP}", args.out / "article-hant-dark.png")
        share_confirmation(browser, base, args.out / "share-copied.png")
        short_page(browser, base, args.site, args.out / "tip-page.png", args.out / "tip-link-preview.png")
        browser.close()


if __name__ == "__main__":
    main()
