"""The static book of both editions (``make book``): pages generated from the data, the lessons from their saved
outputs, built with Sphinx, MyST-NB and the book theme into ``build/book/``.

``editions`` picks the lessons of each language, ``pages`` and ``exercise_pages`` write the generated pages,
``lessons`` prepares the notebooks, ``build`` writes the sources, runs Sphinx and checks the result.
"""
