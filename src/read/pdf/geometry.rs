//! Affine matrices and the page's display space (top-left origin, y down, rotation and
//! box offset applied).

/// A PDF matrix `[a b c d e f]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f32; 6]);

impl Matrix {
    /// The identity.
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other` (PDF order: `self × other`).
    pub fn then(&self, other: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    /// Applies the matrix to a point.
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// A translation.
    pub fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// From six numbers, when they are all finite.
    pub fn from_slice(v: &[f32]) -> Option<Matrix> {
        if v.len() == 6 && v.iter().all(|x| x.is_finite()) {
            Some(Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]))
        } else {
            None
        }
    }
}

/// The transform from user space to display space for a page: the box's lower-left
/// corner to the origin, the page's `/Rotate`, then y flipped so it grows downwards.
/// Returns the matrix and the display width and height.
pub fn display_space(media: [f32; 4], rotate: i64) -> (Matrix, f32, f32) {
    let (x0, y0) = (media[0].min(media[2]), media[1].min(media[3]));
    let w = (media[2] - media[0]).abs().max(1.0);
    let h = (media[3] - media[1]).abs().max(1.0);
    let to_origin = Matrix::translate(-x0, -y0);
    // Rotate clockwise by `rotate` degrees (how viewers show the page), in y-up space.
    let (rot, dw, dh) = match rotate.rem_euclid(360) {
        90 => (Matrix([0.0, -1.0, 1.0, 0.0, 0.0, w]), h, w),
        180 => (Matrix([-1.0, 0.0, 0.0, -1.0, w, h]), w, h),
        270 => (Matrix([0.0, 1.0, -1.0, 0.0, h, 0.0]), h, w),
        _ => (Matrix::IDENTITY, w, h),
    };
    let flip = Matrix([1.0, 0.0, 0.0, -1.0, 0.0, dh]);
    (to_origin.then(&rot).then(&flip), dw, dh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_keeps_points_on_the_page() {
        let (m, w, h) = display_space([0.0, 0.0, 600.0, 800.0], 90);
        assert_eq!((w, h), (800.0, 600.0));
        // The top-left corner of the unrotated page ends at the top-right.
        let (x, y) = m.apply(0.0, 800.0);
        assert!((x - 800.0).abs() < 1e-3 && y.abs() < 1e-3, "{x} {y}");
        let (m, _, h) = display_space([0.0, 0.0, 600.0, 800.0], 0);
        assert_eq!(m.apply(10.0, 790.0), (10.0, 10.0));
        assert_eq!(h, 800.0);
    }
}
