// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title H3
/// @notice Validity checks for H3 cell indexes, equal to h3-js `isValidCell` restricted to a
/// maximum resolution. Pure bit arithmetic, no loops.
/// @dev Layout of a 64-bit cell index, high to low: 1 reserved bit (0), 4 mode bits (1 = cell),
/// 3 reserved bits (0), 4 resolution bits, 7 base-cell bits, then 15 digits of 3 bits, digit 1
/// first. Digits 1..res are 0-6; digits res+1..15 are 7 (unused).
library H3 {
    /// @notice The resolution of every plot.
    uint256 internal constant PLOT_RESOLUTION = 7;

    /// @dev Bit i set for each of the 12 pentagon base cells.
    uint256 private constant PENTAGON_BASE_CELLS = (1 << 4) | (1 << 14) | (1 << 24) | (1 << 38) | (1 << 49)
        | (1 << 58) | (1 << 63) | (1 << 72) | (1 << 83) | (1 << 97) | (1 << 107) | (1 << 117);

    /// @notice The resolution field of `h` (meaningful only for valid cells).
    function resolution(uint256 h) internal pure returns (uint256) {
        return (h >> 52) & 0xF;
    }

    /// @notice Whether `h` is a valid H3 cell whose resolution is at most `maxRes` (<= 15).
    function isValidCell(uint256 h, uint256 maxRes) internal pure returns (bool) {
        // Top byte of the 64-bit index: high bit 0, mode 1, reserved 0 => 0x08; nothing above bit 63.
        if (h >> 56 != 0x08) return false;
        uint256 res = (h >> 52) & 0xF;
        if (res > maxRes) return false;
        uint256 baseCell = (h >> 45) & 0x7F;
        if (baseCell >= 122) return false;

        uint256 unusedBits = (15 - res) * 3;
        uint256 unusedMask = (1 << unusedBits) - 1;
        if (h & unusedMask != unusedMask) return false;

        uint256 digits = (h >> unusedBits) & ((1 << (res * 3)) - 1);
        // The lowest bit of each used 3-bit digit is (8^res - 1) / 7; a digit is 7 iff its 3 bits are set.
        uint256 lowBits = ((1 << (res * 3)) - 1) / 7;
        if (digits & (digits >> 1) & (digits >> 2) & lowBits != 0) return false;

        // Pentagons have no K-axis (digit 1) subsequence: the first non-zero digit may not be 1.
        if (digits != 0 && (PENTAGON_BASE_CELLS >> baseCell) & 1 == 1) {
            uint256 shift = (Math.log2(digits) / 3) * 3;
            if ((digits >> shift) & 7 == 1) return false;
        }
        return true;
    }

    /// @notice Whether `h` is a valid resolution-7 cell, i.e. a plot id.
    function isPlot(uint256 h) internal pure returns (bool) {
        return resolution(h) == PLOT_RESOLUTION && isValidCell(h, PLOT_RESOLUTION);
    }
}
