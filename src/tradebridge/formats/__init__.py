"""Number formats per language (settings.FORMAT_MODULE_PATH), where Django's own differ from what
readers expect: Django's Vietnamese format groups no thousands, its Chinese one has no thousand
separator and it has no Lao format at all. Only what is set here is overridden; dates and the rest
come from Django's locale formats."""
