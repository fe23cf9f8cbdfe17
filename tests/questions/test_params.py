"""Exact numbers stored in params as JSON, and read back as floats by oracles."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
import sympy

from quizmath.questions.params import exact_param, float_param


def test_whole_numbers_stay_numbers_and_fractions_become_text() -> None:
    assert exact_param(3) == 3
    assert exact_param(sympy.Rational(6, 2)) == 3
    assert exact_param(sympy.Rational(-3, 4)) == "-3/4"
    assert exact_param(Fraction(1, 10)) == "1/10"
    assert exact_param(np.int64(-2)) == -2


def test_sequences_and_matrices_become_nested_lists() -> None:
    matrix = sympy.Matrix([[1, sympy.Rational(1, 2)], [0, -2]])
    assert exact_param(matrix) == [[1, "1/2"], [0, -2]]
    assert exact_param((sympy.Rational(2, 3), 5)) == ["2/3", 5]
    assert json.loads(json.dumps(exact_param(matrix))) == [[1, "1/2"], [0, -2]]


@pytest.mark.parametrize("value", [0.5, sympy.Float(0.5), sympy.sqrt(2)])
def test_inexact_values_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        exact_param(value)


def test_scalars_read_back_as_floats() -> None:
    assert float_param("-3/4") == -0.75
    assert float_param(2) == 2.0 and isinstance(float_param(2), float)
    assert float_param(0.25) == 0.25


def test_lists_read_back_as_float_arrays() -> None:
    array = float_param([[1, "1/2"], ["-1/4", 0.5]])
    assert array.dtype == float
    assert array.tolist() == [[1.0, 0.5], [-0.25, 0.5]]
    assert float_param([]).shape == (0,)


def test_a_stored_rational_reads_back_as_its_nearest_float() -> None:
    value = sympy.Rational(1, 3)
    assert float_param(exact_param(value)) == float(value)
