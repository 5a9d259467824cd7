package dev.stratum.learning.active;

/**
 * Linear least squares with an L2 penalty on the weights (not the intercept), solved exactly through the normal
 * equations and a Cholesky factorisation: cheap for the few hundred features of a loss predictor.
 */
final class RidgeRegression {
    private final double[] weights;
    private final double intercept;

    private RidgeRegression(double[] weights, double intercept) {
        this.weights = weights;
        this.intercept = intercept;
    }

    /** Fits {@code targets} from the rows of {@code features} (all of one length); a null row is skipped. */
    static RidgeRegression fit(double[][] features, double[] targets, double penalty) {
        int d = -1;
        int n = 0;
        double targetMean = 0;
        for (int i = 0; i < features.length; i++) {
            if (features[i] != null) {
                d = features[i].length;
                n++;
                targetMean += targets[i];
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("ridge regression needs at least one row of features");
        }
        targetMean /= n;
        double[] featureMean = new double[d];
        for (double[] row : features) {
            if (row != null) {
                for (int j = 0; j < d; j++) {
                    featureMean[j] += row[j] / n;
                }
            }
        }
        // Centred normal equations (X'X + penalty I) w = X'y; the intercept then fits the means.
        double[][] a = new double[d][d];
        double[] b = new double[d];
        double[] centred = new double[d];
        for (int i = 0; i < features.length; i++) {
            if (features[i] == null) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                centred[j] = features[i][j] - featureMean[j];
            }
            double t = targets[i] - targetMean;
            for (int j = 0; j < d; j++) {
                b[j] += centred[j] * t;
                double cj = centred[j];
                double[] aj = a[j];
                for (int k = 0; k <= j; k++) {
                    aj[k] += cj * centred[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            a[j][j] += penalty;
        }
        double[] w = solveCholesky(a, b);
        double intercept = targetMean;
        for (int j = 0; j < d; j++) {
            intercept -= w[j] * featureMean[j];
        }
        return new RidgeRegression(w, intercept);
    }

    double predict(double[] features) {
        double s = intercept;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * features[j];
        }
        return s;
    }

    /** Solves {@code a x = b} for symmetric positive definite {@code a} given by its lower triangle; overwrites it. */
    private static double[] solveCholesky(double[][] a, double[] b) {
        int d = b.length;
        for (int j = 0; j < d; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j][k] * a[j][k];
            }
            a[j][j] = Math.sqrt(diagonal);
            for (int i = j + 1; i < d; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= a[i][k] * a[j][k];
                }
                a[i][j] = s / a[j][j];
            }
        }
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i][k] * y[k];
            }
            y[i] = s / a[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < d; k++) {
                s -= a[k][i] * x[k];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }
}
