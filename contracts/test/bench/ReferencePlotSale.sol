// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title ReferencePlotSale
/// @notice Gas reference for `Plots.buy` and `Plots.buyBatch`, benchmarks only (never deployed): the
/// least a paid mint can do, a plain OpenZeppelin ERC-721 `_mint` plus one ERC-20 `transferFrom`.
/// @dev No cell validation, no listings, no roles and no sale event, so the gap to Plots is what
/// those features cost.
contract ReferencePlotSale is ERC721 {
    using SafeERC20 for IERC20;

    /// @notice Payment token.
    IERC20 public immutable token;
    /// @notice Receives every payment.
    address public immutable treasury;
    /// @notice Price of one token.
    uint256 public immutable price;

    /// @param token_ Payment token.
    /// @param treasury_ Receives payments.
    /// @param price_ Price of one token.
    constructor(IERC20 token_, address treasury_, uint256 price_) ERC721("Reference", "REF") {
        token = token_;
        treasury = treasury_;
        price = price_;
    }

    /// @notice Mints `id` to the caller for `price`.
    function buy(uint256 id) external {
        _mint(msg.sender, id);
        token.safeTransferFrom(msg.sender, treasury, price);
    }

    /// @notice Mints every id to the caller for one payment of `price` each.
    function buyBatch(uint256[] calldata ids) external {
        for (uint256 i; i < ids.length; ++i) {
            _mint(msg.sender, ids[i]);
        }
        token.safeTransferFrom(msg.sender, treasury, price * ids.length);
    }
}
