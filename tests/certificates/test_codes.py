import pytest

from certificates.codes import (
    ALPHABET,
    CODE_LENGTH,
    InvalidCode,
    check_character,
    code_display,
    code_generate,
    code_normalise,
)


def test_generated_codes_are_sixteen_unambiguous_characters_that_pass_their_check():
    codes = {code_generate() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(ALPHABET)
        assert code_normalise(code) == code


def test_every_single_mistyped_character_is_caught():
    code = code_generate()
    for position in range(CODE_LENGTH):
        for char in ALPHABET:
            if char == code[position]:
                continue
            typo = code[:position] + char + code[position + 1:]
            with pytest.raises(InvalidCode):
                code_normalise(typo)


def test_swapped_neighbours_are_almost_always_caught():
    caught = total = 0
    for _ in range(50):
        code = code_generate()
        for i in range(CODE_LENGTH - 1):
            if code[i] == code[i + 1]:
                continue
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
            total += 1
            try:
                code_normalise(swapped)
            except InvalidCode:
                caught += 1
    assert caught / total > 0.95


def test_people_may_type_lower_case_hyphens_spaces_and_confusable_letters():
    data = "0123456789ABCDE"
    code = data + check_character(data)
    typed = code_display(code).lower().replace("0", "o").replace("1", "l")
    assert code_normalise(f"  {typed} ") == code
    assert code_display(code) == "0123-4567-89AB-CDE" + code[-1]


@pytest.mark.parametrize("text", ["", "ABC", "U" * 16, "0123456789ABCDEFG"])
def test_malformed_text_is_refused_as_format_error(text):
    with pytest.raises(InvalidCode) as error:
        code_normalise(text)
    assert error.value.reason == "format"
