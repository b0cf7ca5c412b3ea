// Words that follow a number when the number counts something: 115 cuộc gọi,
// 3/4 số hộ, 13/13 xã. They tell a quantity or a ratio from a number to dial or
// a date, so the classes that must make that choice share one list.

enum CountedWords {
    /// Nouns and classifiers that are counted (first syllable of the word).
    static let nouns: Set<String> = [
        "cuộc", "lượt", "lần", "người", "hộ", "tin", "trường", "ca", "xã", "thôn", "phường", "huyện", "tỉnh",
        "đơn", "ý", "bài", "phút", "giây", "giờ", "ngày", "tuần", "tháng", "năm", "đồng", "cái", "chiếc", "con",
        "suất", "học", "em", "cháu", "bệnh", "đối", "máy", "số", "thuê", "cơ", "điểm", "địa", "nhân", "cán",
        "gia", "doanh", "tổ", "đài", "trạm", "xe", "tấn", "mũi", "liều", "bộ", "trang", "phòng", "nhà", "khẩu",
        "hồ", "tiêu", "phần", "đoàn", "công", "chi", "lớp", "trẻ", "giáo", "sản", "mẫu", "bản", "văn",
        "thiết", "đợt", "buổi", "chương", "cụm", "khu", "ô", "lô", "thửa", "căn", "hộp", "chai", "gói",
        "vụ", "việc", "phương", "tiếng", "triệu", "nghìn", "ngàn", "tỷ", "tỉ", "trăm", "lao", "thí", "nông",
    ]

    /// Words before a number that say it is an amount or a share: đạt 3/4, chiếm 2/3.
    static let amountCues: Set<String> = ["đạt", "được", "có", "lệ", "gồm", "chiếm", "còn", "khoảng", "hơn", "gần",
                                          "tổng", "trong", "tới", "tỷ", "tỉ"]

    /// The token at j is a spaced word that is counted (3/4 số hộ, 115 cuộc gọi).
    static func counts(_ c: TokenContext, at j: Int) -> Bool {
        guard let w = c.token(j), w.kind == .word, !w.lineStart else { return false }
        return nouns.contains(w.lower)
    }
}
