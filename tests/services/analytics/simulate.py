"""Customers drawn from the BG/NBD and Gamma-Gamma models themselves, for parameter-recovery tests."""

from __future__ import annotations

import numpy as np


def simulate_bgnbd(
    rng: np.random.Generator,
    n: int,
    r: float,
    alpha: float,
    a: float,
    b: float,
    T_min: float = 180.0,
    T_max: float = 540.0,
):
    """(x, t_x, T): purchases at Poisson rate lambda ~ Gamma(r, rate alpha); after each purchase the
    customer drops out with probability p ~ Beta(a, b)."""
    lam = rng.gamma(r, 1.0 / alpha, n)
    p = rng.beta(a, b, n)
    T = rng.uniform(T_min, T_max, n)
    x, t_x = np.zeros(n), np.zeros(n)
    for i in range(n):
        t, count, last = 0.0, 0, 0.0
        while True:
            t += rng.exponential(1.0 / lam[i]) if lam[i] > 0 else np.inf
            if t > T[i]:
                break
            count, last = count + 1, t
            if rng.random() < p[i]:
                break
        x[i], t_x[i] = count, last
    return x, t_x, T


def simulate_gamma_gamma(
    rng: np.random.Generator, x: np.ndarray, p: float, q: float, gamma: float
) -> np.ndarray:
    """Mean spend over x transactions: each z ~ Gamma(p, rate nu), nu ~ Gamma(q, rate gamma)."""
    nu = rng.gamma(q, 1.0 / gamma, len(x))
    return np.array([rng.gamma(p, 1.0 / v, int(k)).mean() for v, k in zip(nu, x, strict=True)])
