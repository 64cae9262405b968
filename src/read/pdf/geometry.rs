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

/// A curve of a path that rounds a box's corner: the subpath it is in, the place of the
/// poison point it left there, and the corner it rounds.
#[derive(Debug, Clone, Copy)]
pub struct Corner {
    /// Index of the subpath.
    pub sub: usize,
    /// Index of the curve's poison point in the subpath.
    pub point: usize,
    /// The square corner the curve rounds off.
    pub at: (f32, f32),
}

/// The corner a curve from `start` to `end` with control points `c1`, `c2` rounds off,
/// where it leaves along one axis and arrives along the other (a quarter round between a
/// box's edges): where its two tangents meet.
pub fn rounded_corner(
    start: (f32, f32),
    c1: (f32, f32),
    c2: (f32, f32),
    end: (f32, f32),
) -> Option<(f32, f32)> {
    const EPS: f32 = 0.5;
    let near = |a: f32, b: f32| (a - b).abs() <= EPS;
    let turns = !near(start.0, end.0) && !near(start.1, end.1);
    if !turns {
        return None;
    }
    if near(c1.1, start.1) && near(c2.0, end.0) {
        Some((end.0, start.1))
    } else if near(c1.0, start.0) && near(c2.1, end.1) {
        Some((start.0, end.1))
    } else {
        None
    }
}

/// Squares the rounded corners of boxes (a frame or a panel with rounded corners, as
/// designed pages draw them), so that their edges meet as a table's rulings do: in each
/// subpath larger than `dot` (a round status dot stays round) that has a straight edge
/// of its own, and whose every curve rounds a corner, each curve becomes its corner.
pub fn square_corners(path: &mut [Vec<(f32, f32)>], corners: &[Corner], dot: f32) {
    for (k, sub) in path.iter_mut().enumerate() {
        let curves = sub.iter().filter(|p| p.0.is_nan()).count();
        let mine: Vec<&Corner> = corners.iter().filter(|c| c.sub == k).collect();
        if curves == 0 || mine.len() != curves {
            continue;
        }
        let finite: Vec<(f32, f32)> = sub.iter().copied().filter(|p| p.0.is_finite()).collect();
        let b = Bounds::of(&finite);
        let (w, h) = (b.x1 - b.x0, b.bottom - b.top);
        let straight = sub
            .windows(2)
            .any(|p| p[0].0.is_finite() && p[1].0.is_finite() && p[0] != p[1]);
        if !straight || (w <= dot && h <= dot) {
            continue;
        }
        for c in mine {
            if let Some(p) = sub.get_mut(c.point) {
                *p = c.at;
            }
        }
    }
}

/// The box around some points (display space).
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top edge.
    pub top: f32,
    /// Bottom edge.
    pub bottom: f32,
}

impl Bounds {
    /// The box around `points`.
    pub fn of(points: &[(f32, f32)]) -> Bounds {
        Bounds {
            x0: points.iter().map(|p| p.0).fold(f32::INFINITY, f32::min),
            x1: points.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max),
            top: points.iter().map(|p| p.1).fold(f32::INFINITY, f32::min),
            bottom: points.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max),
        }
    }
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

    #[test]
    fn a_rounded_box_is_squared_and_a_round_dot_stays_round() {
        // A box 100 × 90 with corners rounded by 6, drawn as reportlab draws it.
        assert_eq!(
            rounded_corner(
                (155.0, 300.0),
                (158.0, 300.0),
                (161.0, 303.0),
                (161.0, 306.0)
            ),
            Some((161.0, 300.0))
        );
        let nan = (f32::NAN, f32::NAN);
        let mut path = vec![vec![
            (56.0, 300.0),
            (155.0, 300.0),
            nan,
            (161.0, 306.0),
            (161.0, 384.0),
        ]];
        let corner = Corner {
            sub: 0,
            point: 2,
            at: (161.0, 300.0),
        };
        square_corners(&mut path, &[corner], 24.0);
        assert_eq!(path[0][2], (161.0, 300.0));
        // A dot of four quarter curves, nothing straight: left as curves.
        let mut dot = vec![vec![(10.0, 5.0), nan, (5.0, 10.0), nan, (0.0, 5.0)]];
        let corners = [
            Corner {
                sub: 0,
                point: 1,
                at: (10.0, 10.0),
            },
            Corner {
                sub: 0,
                point: 3,
                at: (0.0, 10.0),
            },
        ];
        square_corners(&mut dot, &corners, 24.0);
        assert!(dot[0][1].0.is_nan() && dot[0][3].0.is_nan());
    }
}
