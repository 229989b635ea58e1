"""BG/NBD and Gamma-Gamma: the log-likelihood against the paper's formula term by term, parameters recovered
from data simulated from the models, the published CDNOW conditional expectation, and the data gate.

Tolerance of the recovery tests: with n customers the maximum-likelihood estimate is asymptotically normal
around the true value with the standard error from the inverse Hessian of the negative log-likelihood. We
compute that SE at the estimate and accept |estimate - truth| <= 4 SE (a 4-sigma band: a correct fit fails
it with probability about 6e-5 per parameter), and also require SE / truth < 0.25 so the band is tight
enough to catch a wrong formula. The seed is fixed, so the test is deterministic.
"""

import math

import numpy as np
import pytest
from scipy.special import beta as B

from app.services.analytics.clv import (
    BgNbd,
    GammaGamma,
    bgnbd_loglik,
    expected_purchases,
    fit_bgnbd,
    fit_gamma_gamma,
    gamma_gamma_loglik,
    p_alive,
)
from tests.services.analytics.simulate import simulate_bgnbd, simulate_gamma_gamma

TRUE_BG = (0.5, 20.0, 0.8, 2.5)
TRUE_GG = (6.0, 4.0, 3000.0)
SAMPLE = [(0, 0.0, 30.0), (1, 12.0, 200.0), (2, 30.43, 38.86), (5, 99.5, 120.0), (11, 400.0, 540.0)]


def _direct_bgnbd(r, alpha, a, b, x, t_x, T) -> float:
    """Fader, Hardie & Lee (2005) eq. 6, written out as in the paper."""
    common = math.gamma(r + x) * alpha**r / math.gamma(r)
    first = B(a, b + x) / B(a, b) * common / (alpha + T) ** (r + x)
    second = B(a + 1, b + x - 1) / B(a, b) * common / (alpha + t_x) ** (r + x) if x > 0 else 0.0
    return math.log(first + second)


def _direct_gg(p, q, g, x, m) -> float:
    dens = (
        math.gamma(p * x + q)
        / (math.gamma(p * x) * math.gamma(q))
        * g**q
        * m ** (p * x - 1)
        * x ** (p * x)
        / (g + m * x) ** (p * x + q)
    )
    return math.log(dens)


def test_bgnbd_loglik_matches_the_formula_term_by_term():
    params = BgNbd(0.243, 4.414, 0.793, 2.426)
    x, t_x, T = (np.array(c, dtype=float) for c in zip(*SAMPLE, strict=True))
    got = bgnbd_loglik(params, x, t_x, T)
    want = [_direct_bgnbd(0.243, 4.414, 0.793, 2.426, *row) for row in SAMPLE]
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_gamma_gamma_loglik_matches_the_formula_term_by_term():
    x = np.array([1.0, 2.0, 3.0, 7.0])
    m = np.array([35.0, 120.5, 80.0, 42.25])
    got = gamma_gamma_loglik(GammaGamma(6.25, 3.74, 15.44), x, m)
    want = [_direct_gg(6.25, 3.74, 15.44, xi, mi) for xi, mi in zip(x, m, strict=True)]
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_conditional_expectation_matches_the_published_cdnow_example():
    """FHL 2005 §4: with the CDNOW estimates, x=2, t_x=30.43, T=38.86 (weeks) expects 1.226 in 39 weeks."""
    m = BgNbd(0.243, 4.414, 0.793, 2.426)
    got = expected_purchases(m, 39.0, np.array([2.0]), np.array([30.43]), np.array([38.86]))
    assert got[0] == pytest.approx(1.226, abs=5e-4)
    assert p_alive(m, np.array([0.0]), np.array([0.0]), np.array([10.0]))[0] == 1.0


def _standard_errors(neg_total_ll, theta: np.ndarray) -> np.ndarray:
    """sqrt(diag(H^-1)), H the central-difference Hessian of the negative log-likelihood at theta."""
    k = len(theta)
    h = 1e-4 * theta

    def shifted(i: int, di: int, j: int, dj: int) -> float:
        t = theta.copy()
        t[i] += di * h[i]
        t[j] += dj * h[j]
        return neg_total_ll(t)

    hess = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            corners = (
                shifted(i, 1, j, 1) - shifted(i, 1, j, -1) - shifted(i, -1, j, 1) + shifted(i, -1, j, -1)
            )
            hess[i, j] = corners / (4 * h[i] * h[j])
    return np.sqrt(np.diag(np.linalg.inv(hess)))


@pytest.fixture(scope="module")
def simulated():
    rng = np.random.default_rng(20261123)
    x, t_x, T = simulate_bgnbd(rng, 5000, *TRUE_BG)
    rep = x > 0
    m = simulate_gamma_gamma(rng, x[rep], *TRUE_GG)
    return x, t_x, T, x[rep], m


def test_bgnbd_recovers_the_parameters_it_was_simulated_from(simulated):
    x, t_x, T, _, _ = simulated
    fit = fit_bgnbd(x, t_x, T)
    est = np.array([fit.r, fit.alpha, fit.a, fit.b])
    se = _standard_errors(lambda t: -bgnbd_loglik(BgNbd(*t), x, t_x, T).sum(), est)
    truth = np.array(TRUE_BG)
    assert np.all(se / truth < 0.25), se
    assert np.all(np.abs(est - truth) <= 4 * se), (est, se)


def test_gamma_gamma_recovers_the_parameters_it_was_simulated_from(simulated):
    _, _, _, xr, m = simulated
    fit = fit_gamma_gamma(xr, m)
    est = np.array([fit.p, fit.q, fit.gamma])
    se = _standard_errors(lambda t: -gamma_gamma_loglik(GammaGamma(*t), xr, m).sum(), est)
    truth = np.array(TRUE_GG)
    assert np.all(se / truth < 0.25), se
    assert np.all(np.abs(est - truth) <= 4 * se), (est, se)


def test_predictions_are_probabilities_and_grow_with_the_horizon(simulated):
    x, t_x, T, _, _ = simulated
    m = BgNbd(*TRUE_BG)
    alive = p_alive(m, x, t_x, T)
    e90, e365 = expected_purchases(m, 90.0, x, t_x, T), expected_purchases(m, 365.0, x, t_x, T)
    assert np.all((alive > 0) & (alive <= 1))
    assert np.all(e365 >= e90) and np.all(e90 >= 0)
