from unionoffice.io.fonts import FontRole, font_set


def test_rare_name_characters_have_a_font():
    fonts = font_set()
    for role in FontRole:
        assert fonts.missing_glyphs("王䶮𠇔张三", fonts.name(role)) == set()


def test_markup_switches_font_only_for_missing_glyphs_and_escapes():
    fonts = font_set()
    hei = fonts.name(FontRole.HEI)
    markup = fonts.markup("张䶮<b>", hei)
    assert markup.startswith("张<font name=")
    assert "&lt;b&gt;" in markup
