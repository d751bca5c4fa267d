"""PDFs of the chronology: briefing books and one PDF per development.

Modules, in the order the data flows:

1. :mod:`~briefings.pdf.content`  entries, actor names and sources from ``content/``; selection
   by period, actor and category;
2. :mod:`~briefings.pdf.article`  each development's body as the built site shows it, made fit
   for paper;
3. :mod:`~briefings.pdf.book`     a book (cover, contents, developments, sources) as HTML, from
   the templates in ``templates/``;
4. :mod:`~briefings.pdf.render`   HTML to PDF with WeasyPrint (``book.css``), many documents per
   process, on a pool of two workers;
5. :mod:`~briefings.pdf.chunked`  a long book rendered in parts on both cores and joined with
   pypdf (page numbers, links, outline);
6. :mod:`~briefings.pdf.reuse`    PDFs that did not change are copied from the previous build;
7. :mod:`~briefings.pdf.command`  ``briefings pdf`` and the ``pdf`` step of ``briefings build``.

:mod:`~briefings.pdf.bench` measures the whole-chronology book on a synthetic corpus
(``python -m briefings.pdf.bench --entries 1000``).
"""

#: The languages a book can be made in: the theme's catalogues (English is the templates' own
#: words); ``briefings build`` makes the PDFs in each.
LANGUAGES = ("en", "sq", "sr")
