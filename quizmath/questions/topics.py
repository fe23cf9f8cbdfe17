"""The stable topic slugs of the curriculum, with their titles and areas.

Plain data with no heavy imports: decks, plans, status, stats and the exporters all read it.
"""

from __future__ import annotations

from typing import NamedTuple


class Topic(NamedTuple):
    slug: str
    area: str
    title: str


AREAS: dict[str, str] = {
    "la": "Linear algebra",
    "ca": "Calculus",
    "op": "Optimization",
    "pr": "Probability and statistics",
    "it": "Information theory",
    "ml": "Applied ML math",
}

_TITLES: dict[str, str] = {
    "la.vectors": "Vectors, norms and projections",
    "la.matrix-ops": "Matrix operations",
    "la.det-inverse": "Determinants and inverses",
    "la.rank-subspaces": "Rank and subspaces",
    "la.elimination": "Elimination, LU and conditioning",
    "la.least-squares": "Least squares",
    "la.orthogonality": "Orthogonality, Gram–Schmidt and QR",
    "la.eigen": "Eigenvalues and eigenvectors",
    "la.svd-pca": "SVD and PCA",
    "la.markov-pagerank": "Markov chains and PageRank",
    "ca.derivatives": "Derivatives",
    "ca.chain-rule": "The chain rule",
    "ca.activations": "Derivatives of activations",
    "ca.gradient": "Gradients and directional derivatives",
    "ca.jacobian-hessian": "Jacobians and Hessians",
    "ca.taylor": "Taylor series",
    "ca.numerical-gradient": "Numerical gradients and gradient checking",
    "ca.autodiff": "Automatic differentiation",
    "op.gradient-descent": "Gradient descent and momentum",
    "op.adam": "Adam and RMSprop",
    "op.newton": "Newton's method",
    "op.convexity": "Convexity",
    "op.constrained": "Lagrange multipliers and KKT",
    "op.regularization": "Regularization",
    "pr.rules": "Probability rules",
    "pr.bayes": "Bayes' rule",
    "pr.random-variables": "Random variables, expectation and variance",
    "pr.distributions": "Distributions",
    "pr.descriptive": "Descriptive statistics",
    "pr.mle-map": "MLE and MAP",
    "pr.clt-estimation": "CLT and estimation",
    "pr.sampling": "Sampling and Monte Carlo",
    "pr.markov-chains": "Markov chains",
    "it.entropy": "Entropy",
    "it.cross-entropy": "Cross-entropy",
    "it.kl": "KL divergence",
    "it.information-gain": "Information gain and mutual information",
    "ml.linear-regression": "Linear regression",
    "ml.logistic-regression": "Logistic regression",
    "ml.softmax": "Softmax",
    "ml.backprop": "Backpropagation",
    "ml.batch-norm": "Batch normalization",
    "ml.attention": "Attention",
    "ml.initialization": "Initialization",
    "ml.generative": "Generative models",
    "ml.kernels-graphs": "Kernels and graphs",
    "ml.numerics": "Numerical stability",
}

TOPICS: dict[str, Topic] = {
    slug: Topic(slug, AREAS[slug.split(".", 1)[0]], title) for slug, title in _TITLES.items()
}


def topic_title(slug: str) -> str:
    """The human title of ``slug``, or the slug itself for a topic this version does not know."""
    topic = TOPICS.get(slug)
    return topic.title if topic else slug


__all__ = ["AREAS", "TOPICS", "Topic", "topic_title"]
