/// Ordinary least squares through the normal equations, for the handful of columns
/// calibration fits; nil when the columns are not independent over the rows.
enum LeastSquares {
  static func solve(rows: [[Double]], targets: [Double]) -> [Double]? {
    guard let width = rows.first?.count, rows.count >= width else { return nil }
    // Augmented normal equations [XᵀX | Xᵀy].
    var matrix = [[Double]](repeating: [Double](repeating: 0, count: width + 1), count: width)
    for (row, target) in zip(rows, targets) {
      for i in 0..<width {
        for j in 0..<width { matrix[i][j] += row[i] * row[j] }
        matrix[i][width] += row[i] * target
      }
    }
    for column in 0..<width {
      guard let pivot = (column..<width).max(by: { abs(matrix[$0][column]) < abs(matrix[$1][column]) }),
        abs(matrix[pivot][column]) > 1e-9 * max(1, abs(matrix[column][column]))
      else { return nil }
      matrix.swapAt(column, pivot)
      for other in 0..<width where other != column {
        let ratio = matrix[other][column] / matrix[column][column]
        for k in column...width { matrix[other][k] -= ratio * matrix[column][k] }
      }
    }
    return (0..<width).map { matrix[$0][width] / matrix[$0][$0] }
  }
}
