// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Faucet
/// @notice Development faucet for local chains: anyone may send a fixed amount of HXA to an address
/// once per cooldown. The deploy script deploys and funds it only on chain id 31337.
contract Faucet {
    using SafeERC20 for IERC20;

    /// @notice Time an address must wait between two drips.
    uint256 public constant COOLDOWN = 1 hours;

    /// @notice The token handed out.
    IERC20 public immutable hxa;
    /// @notice HXA sent per drip.
    uint256 public immutable dripAmount;
    /// @notice When each address last received a drip.
    mapping(address account => uint256 timestamp) public lastDrip;

    /// @notice Thrown when `account` asks again before `readyAt`.
    error DripTooSoon(address account, uint256 readyAt);
    /// @notice Thrown when the faucet holds less than one drip.
    error FaucetEmpty(uint256 balance, uint256 dripAmount);

    /// @notice Emitted when `amount` HXA is sent to `to`.
    event Dripped(address indexed to, uint256 amount);

    /// @param hxa_ Token to hand out.
    /// @param dripAmount_ Amount per drip.
    constructor(IERC20 hxa_, uint256 dripAmount_) {
        hxa = hxa_;
        dripAmount = dripAmount_;
    }

    /// @notice Sends `dripAmount` HXA to `to`, at most once per cooldown per address.
    function drip(address to) external {
        uint256 last = lastDrip[to];
        if (last != 0 && block.timestamp < last + COOLDOWN) revert DripTooSoon(to, last + COOLDOWN);
        uint256 balance = hxa.balanceOf(address(this));
        if (balance < dripAmount) revert FaucetEmpty(balance, dripAmount);
        lastDrip[to] = block.timestamp;
        emit Dripped(to, dripAmount);
        hxa.safeTransfer(to, dripAmount);
    }
}
