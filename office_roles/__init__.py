"""office-roles: the article 《党委办公厅(室)要找准定位谋发展》 as tables, figures and discussion exercises."""

from .article import Article, article_from_text, load_article, short_label
from .display import setup_notebook
from .errors import ArticleError, CuratedDataError, OfficeRolesError, StoreError
from .fonts import register_cjk_font
from .settings import settings

CJK_FAMILY = register_cjk_font()

__all__ = [
    "Article",
    "ArticleError",
    "CJK_FAMILY",
    "CuratedDataError",
    "OfficeRolesError",
    "StoreError",
    "article_from_text",
    "load_article",
    "settings",
    "setup_notebook",
    "short_label",
]
